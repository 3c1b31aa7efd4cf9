package org.onewindow.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean the BPMN models call by name in expressions ({@code ${caseClock.start(execution)}},
 * delegate expressions). Expressions find these beans before the variables ({@link
 * ModelBeansPlugin}), so no variable may be named like one of them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelApi {}
