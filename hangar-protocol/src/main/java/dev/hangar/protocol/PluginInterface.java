package dev.hangar.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a plugin subsystem: the client turns it into a proxy, the SDK server
 * serves an implementation of it. Each method carries {@link WireMethod}; a method has no
 * parameter (empty request body) or one (its JSON is the body).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PluginInterface {
  /** The capability as it appears in {@code Implements}, e.g. {@code VolumeDriver}. */
  String value();

  /**
   * Whether a 200 reply with a non-empty {@code Err} field is a failure. True for the subsystems
   * that use it (volume, network, IPAM, log); false for authz, whose {@code Err} Docker ignores.
   */
  boolean errInBody() default true;
}
