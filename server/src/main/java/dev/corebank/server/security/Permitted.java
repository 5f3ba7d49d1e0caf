package dev.corebank.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission an endpoint under /v1 needs. An undeclared GET needs {@link Permission#READ}; an undeclared
 * write is refused for every role, so a new endpoint is closed until someone decides who may use it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Permitted {
    Permission value();
}
