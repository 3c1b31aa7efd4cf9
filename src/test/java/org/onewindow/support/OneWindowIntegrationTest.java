package org.onewindow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.onewindow.OneWindowApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, as a user reaches it. Every integration test uses
 * exactly this configuration so the suite shares one Spring context, and so one process engine
 * and one job executor, per database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = OneWindowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
// Metrics are exported as in production (Spring Boot's tests turn the Prometheus registry off otherwise).
@AutoConfigureObservability(tracing = false)
public @interface OneWindowIntegrationTest {}
