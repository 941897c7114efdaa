package dev.syncwire.harness.junit;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.fake.WebhookDeliveryRecord;
import dev.syncwire.receiver.SyncReceiver;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link SyncWireTest}; register it yourself for options in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SyncWireExtension sync = SyncWireExtension.builder().perClass().seed(42)
 *     .awaitTimeout(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * Keeps nothing per test in its fields: the receiver, the fake and each test's scope live in the
 * {@link ExtensionContext.Store}, which closes them (a failed test's journal is kept and its path
 * printed). Safe under JUnit's parallel execution.
 *
 * <p>As WireMock's extension fails a test on unmatched requests, this one fails a test whose fake
 * webhooks failed to deliver (refused, answered non-2xx, timed out), listing each; webhooks the test
 * asked to fail (a {@code webhookFaults()} drop, a reply the receiver's {@code replyPolicy()} scripted)
 * do not count. Opt out with {@code failOnUndeliveredWebhooks = false} or {@link AllowUndeliveredWebhooks}.
 */
public final class SyncWireExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {
  private static final List<Class<?>> SUPPORTED = List.of(SyncReceiver.class, SyncApiFake.class, SyncEvents.class,
      TwilioRestClient.class, String.class);
  private static final String ENVIRONMENT = "environment";
  private static final String SCOPE = "scope";

  /** Fixed options; per-test state is in the Store. */
  record Settings(SyncWireTest.Lifecycle lifecycle, long seed, Duration awaitTimeout, boolean webhooksFromRest,
      boolean failOnUndeliveredWebhooks, boolean streamWebhooks) {}

  private final Settings configured;

  /** Used by {@code @SyncWireTest} / {@code @ExtendWith}: options come from the annotation. */
  public SyncWireExtension() {
    this(null);
  }

  private SyncWireExtension(Settings settings) {
    this.configured = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (settings(context).lifecycle() == SyncWireTest.Lifecycle.PER_CLASS) {
      environment(context, true);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    scope(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isEmpty() && checksDeliveries(context)) {
      SyncWireEnvironment environment = environment(context, false);
      String failures = UndeliveredWebhooks.describe(environment.fake(), environment.receiver(), scope(context));
      if (failures != null) {
        environment.keepJournal();
        throw new AssertionError(failures);
      }
    }
    if (context.getExecutionException().isPresent()) {
      SyncWireEnvironment environment = environment(context, false);
      environment.keepJournal();
      TestScope scope = scope(context);
      System.err.println("syncwire: " + context.getDisplayName() + " failed; its webhooks ("
          + scope.events().recorded().size() + " in scope, service " + scope.serviceSid() + ") are kept in "
          + environment.journal());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Parameter parameter = parameterContext.getParameter();
    if (parameter.getType() == String.class) {
      return parameterContext.isAnnotated(SyncServiceSid.class);
    }
    return SUPPORTED.contains(parameter.getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    Class<?> type = parameterContext.getParameter().getType();
    boolean inTest = context.getTestMethod().isPresent();
    if (type == SyncReceiver.class) {
      return environment(context, true).receiver();
    }
    if (type == SyncApiFake.class) {
      return environment(context, true).fake();
    }
    if (type == TwilioRestClient.class) {
      return environment(context, true).fake().twilioClient();
    }
    if (!inTest) {
      throw new ParameterResolutionException(type.getSimpleName() + " belongs to one test, so it can be injected into"
          + " test methods and @BeforeEach/@AfterEach, not into " + parameterContext.getDeclaringExecutable()
          + "; SyncReceiver, SyncApiFake and TwilioRestClient can be injected anywhere");
    }
    TestScope scope = scope(context);
    return type == SyncEvents.class ? scope.events() : scope.serviceSid();
  }

  /** On unless the settings or an {@link AllowUndeliveredWebhooks} on the method or class turn it off. */
  private boolean checksDeliveries(ExtensionContext context) {
    return settings(context).failOnUndeliveredWebhooks()
        && context.getTestMethod().filter(m -> AnnotationSupport.isAnnotated(m, AllowUndeliveredWebhooks.class)).isEmpty()
        && context.getTestClass().filter(c -> AnnotationSupport.isAnnotated(c, AllowUndeliveredWebhooks.class)).isEmpty();
  }

  private Settings settings(ExtensionContext context) {
    if (configured != null) {
      return configured;
    }
    Optional<SyncWireTest> annotation = context.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, SyncWireTest.class));
    SyncWireTest a = annotation.orElseThrow(() -> new ExtensionConfigurationException(
        "SyncWireExtension needs @SyncWireTest on the test class, or registration with @RegisterExtension"
            + " SyncWireExtension.builder()...build()"));
    return new Settings(a.lifecycle(), a.seed(), Duration.ofMillis(a.awaitTimeoutMillis()), a.webhooksFromRest(),
        a.failOnUndeliveredWebhooks(), a.streamWebhooks());
  }

  /** The environment for this context: the class's (per class) or the test's own (per method). */
  private SyncWireEnvironment environment(ExtensionContext context, boolean create) {
    Settings settings = settings(context);
    ExtensionContext owner = settings.lifecycle() == SyncWireTest.Lifecycle.PER_CLASS
        ? classContext(context) : context;
    if (settings.lifecycle() == SyncWireTest.Lifecycle.PER_METHOD && context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("with @SyncWireTest(lifecycle = PER_METHOD) each test gets its own"
          + " receiver and fake, so none exists for " + context.getDisplayName()
          + "; choose lifecycle = PER_CLASS to share one across the class");
    }
    ExtensionContext.Store store = owner.getStore(namespace(owner));
    if (!create) {
      return store.get(ENVIRONMENT, SyncWireEnvironment.class);
    }
    return store.getOrComputeIfAbsent(ENVIRONMENT, k -> new SyncWireEnvironment(settings), SyncWireEnvironment.class);
  }

  /** The test's service and its events: the default service per method, a fresh one per class. */
  private TestScope scope(ExtensionContext context) {
    Settings settings = settings(context);
    ExtensionContext.Store store = context.getStore(namespace(context));
    return store.getOrComputeIfAbsent(SCOPE, k -> {
      SyncWireEnvironment environment = environment(context, true);
      SyncApiFake fake = environment.fake();
      String service = settings.lifecycle() == SyncWireTest.Lifecycle.PER_CLASS
          ? fake.createService(context.getDisplayName())
          : fake.defaultServiceSid();
      List<WebhookDeliveryRecord> before = fake.webhookDeliveries();
      return new TestScope(service, SyncEvents.forService(environment.receiver(), service, settings.awaitTimeout()),
          before.isEmpty() ? 0 : before.get(before.size() - 1).sequence());
    }, TestScope.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static ExtensionContext.Namespace namespace(ExtensionContext context) {
    return ExtensionContext.Namespace.create(SyncWireExtension.class, context.getUniqueId());
  }

  /** One test's service SID, its scoped events, and the last webhook delivery made before it began. */
  record TestScope(String serviceSid, SyncEvents events, long deliveriesBefore)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      events.close();
    }
  }

  /** Options for {@code @RegisterExtension}; every one has the same default as {@link SyncWireTest}. */
  public static final class Builder {
    private SyncWireTest.Lifecycle lifecycle = SyncWireTest.Lifecycle.PER_METHOD;
    private long seed = SyncApiFake.Builder.DEFAULT_SEED;
    private Duration awaitTimeout = SyncEvents.DEFAULT_TIMEOUT;
    private boolean webhooksFromRest = true;
    private boolean failOnUndeliveredWebhooks = true;
    private boolean streamWebhooks;

    private Builder() {}

    /** One receiver and fake for the class (a static field); each test gets a fresh service. */
    public Builder perClass() {
      this.lifecycle = SyncWireTest.Lifecycle.PER_CLASS;
      return this;
    }

    /** A fresh receiver and fake for every test (the default). */
    public Builder perMethod() {
      this.lifecycle = SyncWireTest.Lifecycle.PER_METHOD;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder awaitTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the await time-out must be more than zero; received " + timeout);
      }
      this.awaitTimeout = timeout;
      return this;
    }

    public Builder webhooksFromRest(boolean enabled) {
      this.webhooksFromRest = enabled;
      return this;
    }

    /** Whether a test fails when a webhook the fake sent it was not delivered (on by default). */
    public Builder failOnUndeliveredWebhooks(boolean fail) {
      this.failOnUndeliveredWebhooks = fail;
      return this;
    }

    /** Whether the fake posts {@code stream_message_published} (off by default: see {@link SyncWireTest#streamWebhooks}). */
    public Builder streamWebhooks(boolean enabled) {
      this.streamWebhooks = enabled;
      return this;
    }

    public SyncWireExtension build() {
      return new SyncWireExtension(new Settings(lifecycle, seed, awaitTimeout, webhooksFromRest,
          failOnUndeliveredWebhooks, streamWebhooks));
    }
  }
}
