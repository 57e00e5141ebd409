package io.github.secdns.examples.host;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A JDBC object (a connection, a statement) that does the real call first and then lets a test look
 * at it, or act between two calls: the statements still run on the real database, without a mock.
 */
final class AfterEachCall {

  /** What runs after each call; it returns the answer handed to the caller. */
  interface Hook {
    Object answered(Method method, Object[] args, Object result) throws Throwable;
  }

  private AfterEachCall() {}

  static <T> T wrap(Class<T> type, T real, Hook hook) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return hook.answered(method, args, result);
            }));
  }
}
