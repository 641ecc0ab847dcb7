package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ExecDeclarations#scan} found: the usable domains and every problem.
 *
 * @param domains the accepted domains, in scan order (directory order, then file name, then line);
 *     names are unique
 * @param errors every problem, in scan order; refused declarations appear only here
 */
public record ExecScan(List<ExecDomain> domains, List<ExecDeclarationError> errors) {
  /** Copies. */
  public ExecScan {
    domains = List.copyOf(domains);
    errors = List.copyOf(errors);
  }

  /** The accepted domain called {@code name}. */
  public Optional<ExecDomain> domain(String name) {
    return domains.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Whether no problem was found. */
  public boolean clean() {
    return errors.isEmpty();
  }
}
