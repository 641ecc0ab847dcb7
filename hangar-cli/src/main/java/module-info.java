/**
 * The {@code hangar} command (picocli): manages and inspects plugins in-process or through
 * {@code hangar daemon}, and runs the daemon. Shipped shaded into {@code hangar.jar}, which runs
 * on the class path; as a module its one package is exported (its command classes are the
 * command line, not an API) and open to picocli, which sets their options by reflection.
 */
module dev.hangar.cli {
  requires dev.hangar;
  requires dev.hangar.daemon;
  requires info.picocli;
  requires org.apache.commons.compress;
  requires java.logging;
  requires jdk.unsupported; // sun.misc.Signal, looked up by name (StopSignals)

  exports dev.hangar.cli;

  opens dev.hangar.cli to info.picocli;
}
