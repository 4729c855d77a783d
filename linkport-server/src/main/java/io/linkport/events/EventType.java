package io.linkport.events;

/** Every event Linkport emits. The catalogue with each type's {@code data} fields is in docs/events.md. */
public enum EventType {
    USER_CREATED,
    USER_DELETED,
    LINK_CREATED,
    LINK_CLAIMED,
    LOGIN_STARTED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    MFA_REQUIRED,
    OPERATION_COMPLETED,
    LINK_COMPLETED,
    LINK_FAILED,
    LINK_EXPIRED,
    LINK_CANCELED,
    /** A saved login (seed 003) was created, or re-keyed in update mode. */
    LOGIN_SAVED,
    LOGIN_REFRESHED,
    LOGIN_REFRESH_FAILED,
    TOKEN_REJECTED,
    /** Sent on request to one endpoint ({@code POST /v1/webhook_endpoints/{id}/test}). */
    WEBHOOK_TEST,
    /** A delivery used up its retry schedule. */
    WEBHOOK_DELIVERY_FAILED,
    /** An endpoint was disabled: it answered 410 Gone, or failed continuously for too long. */
    WEBHOOK_ENDPOINT_DISABLED
}
