package io.linkport.logins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar linkport-server.jar --linkport.reencrypt=true}: re-seals the vault under the
 * current master key, prints what it did and exits (status 1 if some rows need a key that is not
 * configured). The flag is read when the context has started rather than as a bean condition,
 * because the README's fast start uses Spring AOT, which settles conditions at build time.
 */
@Component
class VaultReencryptCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VaultReencryptCommand.class);

    private final VaultReencryption reencryption;
    private final ApplicationContext context;
    private final Environment environment;

    VaultReencryptCommand(VaultReencryption reencryption, ApplicationContext context, Environment environment) {
        this.reencryption = reencryption;
        this.context = context;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!environment.getProperty("linkport.reencrypt", Boolean.class, false)) {
            return;
        }
        VaultReencryption.Report report = reencryption.reencrypt();
        log.info("Vault re-encryption under key {}: {} re-sealed, {} unreadable", report.currentKeyId(),
                report.resealed(), report.unreadable());
        int status = report.unreadable() == 0 ? 0 : 1;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> status));
    }
}
