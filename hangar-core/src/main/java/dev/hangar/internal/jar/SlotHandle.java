package dev.hangar.internal.jar;

import dev.hangar.JarHandle;

/**
 * The {@link JarHandle} of one plugin: enters the slot's current generation, sets the context
 * class loader, and calls the function on the implementation directly (no reflection, no proxy).
 *
 * @param <T> what the implementation is used as
 */
final class SlotHandle<T> implements JarHandle<T> {
  private final PluginSlot slot;
  private final String type;
  private final String name;
  private final Class<T> iface;

  SlotHandle(PluginSlot slot, String type, String name, Class<T> iface) {
    this.slot = slot;
    this.type = type;
    this.name = name;
    this.iface = iface;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Class<T> iface() {
    return iface;
  }

  @Override
  public <R, X extends Exception> R call(Call<? super T, ? extends R, X> fn) throws X {
    Thread t = Thread.currentThread();
    int ticket = LoadedJar.ticket(t);
    LoadedJar g = slot.enter(ticket);
    ClassLoader previous = t.getContextClassLoader();
    try {
      T impl = implementation(g);
      t.setContextClassLoader(g.loader());
      return fn.apply(impl);
    } finally {
      t.setContextClassLoader(previous);
      g.exit(ticket);
    }
  }

  /** The generation's implementation, checked once per generation to be a {@code T}. */
  @SuppressWarnings("unchecked")
  private T implementation(LoadedJar g) {
    if (g.verifiedAs != iface) {
      verify(g);
    }
    return (T) g.implementation();
  }

  private void verify(LoadedJar g) {
    Object impl = g.implementation();
    if (!iface.isInstance(impl)) {
      throw slot.notImplementing(impl, iface);
    }
    g.verifiedAs = iface;
  }

  @Override
  public <X extends Exception> void run(Action<? super T, X> action) throws X {
    call(impl -> {
      action.accept(impl);
      return null;
    });
  }

  @Override
  public String toString() {
    return "JAR plugin " + slot.key() + " (" + iface.getSimpleName() + ")";
  }
}
