package dev.hangar.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a size of more than zero bytes: a number of bytes, or one with a binary unit
 * ({@code 512k}, {@code 10m}, {@code 4g}; also {@code 10MB}, {@code 10MiB}: each a power of
 * 1024).
 */
final class SizeConverter implements ITypeConverter<Long> {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,15})\\s*(?:([kmgt])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Long convert(String value) {
    Matcher m = FORM.matcher(value.strip());
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a size (write e.g. 1048576, "
          + "512k, 10m, 4g)");
    }
    long n = Long.parseLong(m.group(1));
    int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 40;
    };
    if (n == 0 || n > Long.MAX_VALUE >> shift) {
      throw new TypeConversionException("'" + value + "' must be more than zero and less than "
          + "8 EiB");
    }
    return n << shift;
  }
}
