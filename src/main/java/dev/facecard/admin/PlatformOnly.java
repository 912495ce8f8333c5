package dev.facecard.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An admin call (a handler method, or every method of a controller) that reaches beyond
 * one app: only the platform admin token may make it, an app credential gets 403 before
 * the request's body or parameters are read ({@link AdminScopes}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
@interface PlatformOnly {

}
