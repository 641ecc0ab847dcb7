package dev.hangar.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the wire method a Java method stands for, e.g. {@code VolumeDriver.Create}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WireMethod {
  /** The wire method, sent as {@code POST /<value>}. */
  String value();

  /** Whether the call may safely be retried after it may have reached the plugin. */
  boolean idempotent() default false;
}
