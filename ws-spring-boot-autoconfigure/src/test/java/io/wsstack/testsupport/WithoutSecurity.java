package io.wsstack.testsupport;

/**
 * The test classpath carries Spring Security (the transport's end-to-end application sits behind
 * it, as real ones do). Tests about something else switch its auto-configuration off with this
 * property, so that Boot's default login does not answer their handshakes with 401.
 */
public final class WithoutSecurity {

    /** A {@code @SpringBootTest(properties = ...)} entry that excludes Spring Security's auto-configuration. */
    public static final String PROPERTY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

    private WithoutSecurity() {
    }
}
