package io.linkport.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkport.links.Link;
import io.linkport.links.LinkOperation;
import io.linkport.tokens.IssuedToken;
import io.linkport.tokens.SignedToken;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The JSON the users and tokens endpoints answer with. Absent profile fields are shown as null. */
final class UserViews {

    /** Seed 001 writes times as {@code 2022-11-01T09:00:00Z}: UTC, whole seconds. */
    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private UserViews() {
    }

    static String time(Instant instant) {
        return SEED_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Seed 001's Token object, field for field. */
    record TokenView(String expiresAt, String mode, String accessToken) {
        static TokenView of(SignedToken token) {
            IssuedToken record = token.record();
            return new TokenView(time(record.expiresAt()), record.mode().name(), token.jwt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedUserView(String userId, String externalUserId, String name, String email, String phone,
                           String createdAt, TokenView token) {
        static CreatedUserView of(UserService.IssuedUser issued) {
            EndUser u = issued.user();
            return new CreatedUserView(u.id(), u.externalUserId(), u.name(), u.email(), u.phone(), time(u.createdAt()),
                    TokenView.of(issued.token()));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserSummaryView(String userId, String externalUserId, String name, String email, String phone,
                           String createdAt) {
        static UserSummaryView of(EndUser u) {
            return new UserSummaryView(u.id(), u.externalUserId(), u.name(), u.email(), u.phone(), time(u.createdAt()));
        }
    }

    /** One of the user's links, as {@code GET /v1/links} shows it: times in epoch milliseconds (seed 002). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserLinkView(String linkId, String integrationId, List<LinkOperation> operations, String status,
                        long createdAt, long expiresAt, Long finishedAt) {
        static UserLinkView of(Link link) {
            return new UserLinkView(link.id(), link.integrationId(), link.operations(), link.status().lower(),
                    link.createdAt().toEpochMilli(), link.expiresAt().toEpochMilli(),
                    link.finishedAt() == null ? null : link.finishedAt().toEpochMilli());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserProfileView(String userId, String externalUserId, String name, String email, String phone,
                           String createdAt, List<UserLinkView> links, List<Map<String, Object>> logins) {
        static UserProfileView of(UserService.UserProfile profile) {
            EndUser u = profile.user();
            return new UserProfileView(u.id(), u.externalUserId(), u.name(), u.email(), u.phone(), time(u.createdAt()),
                    profile.links().stream().map(UserLinkView::of).toList(), profile.logins());
        }
    }

    /** {@code nextCursor} is null on the last page. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserListView(List<UserSummaryView> users, String nextCursor) {
        static UserListView of(UserPage page) {
            return new UserListView(page.users().stream().map(UserSummaryView::of).toList(), page.nextCursor());
        }
    }

    record DeletedUserView(String userId, boolean deleted, String deletedAt) {
    }
}
