package io.linkport.sessions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link SessionCaller} parameter: the handler may be given the link as this node last wrote
 * it ({@link SessionSnapshots}) instead of as read now, because it takes its step through
 * {@link SessionService#onLatest}, which checks the step's write against the database and takes the
 * step again on a fresh read when the snapshot was wrong.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface LastWrittenLink {
}
