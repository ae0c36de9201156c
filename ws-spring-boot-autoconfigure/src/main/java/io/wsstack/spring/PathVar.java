package io.wsstack.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler method parameter to a variable of the endpoint's path template, such as
 * {@code room} in {@code /rooms/{room}}. A {@code String} parameter receives the segment as sent;
 * other types are converted with the application's {@code ConversionService}, and a segment that
 * cannot be converted closes the session with 1008 (policy violation).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathVar {

    /** The variable name; empty means the parameter's name (needs {@code -parameters}). */
    String value() default "";
}
