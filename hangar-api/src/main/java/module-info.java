/**
 * What JAR plugin authors compile against: the plugin entry point and the resource plugin
 * interfaces. Depends on nothing but {@code java.base}.
 */
module dev.hangar.api {
  exports dev.hangar.api;
  exports dev.hangar.api.resource;
}
