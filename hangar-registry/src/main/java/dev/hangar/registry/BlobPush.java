package dev.hangar.registry;

/**
 * How a blob got into the repository by {@link RegistryClient#pushBlob}.
 *
 * @since 0.1
 */
public enum BlobPush {
  /** The repository had it already ({@code HEAD} answered 200); nothing was sent. */
  ALREADY_PRESENT,
  /** The registry mounted it from another repository; nothing was sent. */
  MOUNTED,
  /** Its bytes were uploaded. */
  UPLOADED
}
