package org.onewindow.support;

import org.springframework.test.context.ActiveProfilesResolver;

/** The demo profile (demo users) plus the test database chosen by {@link TestDatabase}. */
public class TestProfiles implements ActiveProfilesResolver {
  @Override
  public String[] resolve(Class<?> testClass) {
    return new String[] {"demo", "test-" + TestDatabase.name()};
  }
}
