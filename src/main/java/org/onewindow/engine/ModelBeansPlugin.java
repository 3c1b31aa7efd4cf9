package org.onewindow.engine;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The models call OneWindow's beans by name ({@code ${caseClock.start(execution)}},
 * {@code ${caseStatus.set(execution, 'ACCEPTED')}}, delegate expressions). The engine's resolver
 * asks the variables first: to learn that no variable is called {@code caseStatus} it loads the
 * variables of the execution and of every execution above it, one statement each, before it asks
 * Spring. With this plugin the beans the models call (marked {@link ModelApi}) are found first;
 * every other name resolves as before (variables, then the other Spring beans).
 *
 * <p>So a variable must not be named after one of them: it would be hidden in expressions (the
 * README lists the names for process designers). {@code ModelBeansPluginTest} checks the variables
 * the code and models use.
 */
@Component
public class ModelBeansPlugin extends AbstractProcessEnginePlugin {
  private final ApplicationContext context;

  public ModelBeansPlugin(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new SpringExpressionManager(context, configuration.getBeans()) {
      @Override
      protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ReadOnlyMapELResolver(new OneWindowBeans(context)));
        resolver.add(super.createElResolver());
        return resolver;
      }
    });
  }

  /** The names of the beans the models call ({@link ModelApi}), read from the context when first asked. */
  public static Set<String> names(ApplicationContext context) {
    return Set.of(context.getBeanNamesForAnnotation(ModelApi.class));
  }

  /** The models' beans by name, fetched from Spring when an expression first uses them. */
  static final class OneWindowBeans extends AbstractMap<Object, Object> {
    private final ApplicationContext context;
    private final Map<Object, Object> beans = new ConcurrentHashMap<>();
    private volatile Set<String> names;

    OneWindowBeans(ApplicationContext context) {
      this.context = context;
    }

    private Set<String> names() {
      Set<String> known = names;
      if (known == null) {
        known = ModelBeansPlugin.names(context);
        names = known;
      }
      return known;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && names().contains(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? beans.computeIfAbsent(key, name -> context.getBean((String) name)) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      throw new UnsupportedOperationException("OneWindow's beans are looked up by name only");
    }
  }
}
