package io.linkport.logins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar linkport-server.jar --linkport.reencrypt=true}: re-seals the vault under the
 * current master key, prints what it did and exits (status 1 if some rows need a key that is not
 * configured).
 */
@Component
@ConditionalOnProperty(name = "linkport.reencrypt", havingValue = "true")
class VaultReencryptCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VaultReencryptCommand.class);

    private final VaultReencryption reencryption;
    private final ApplicationContext context;

    VaultReencryptCommand(VaultReencryption reencryption, ApplicationContext context) {
        this.reencryption = reencryption;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        VaultReencryption.Report report = reencryption.reencrypt();
        log.info("Vault re-encryption under key {}: {} re-sealed, {} unreadable", report.currentKeyId(),
                report.resealed(), report.unreadable());
        int status = report.unreadable() == 0 ? 0 : 1;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> status));
    }
}
