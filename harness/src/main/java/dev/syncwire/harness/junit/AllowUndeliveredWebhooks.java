package dev.syncwire.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test (or every test of a class) pass although some of its fake webhooks were not
 * delivered; {@link SyncWireExtension} fails such tests otherwise.
 *
 * <pre>{@code
 * @Test
 * @AllowUndeliveredWebhooks // this test points the service at a URL nothing listens on
 * void survivesAWebhookUrlThatIsDown(SyncApiFake fake) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AllowUndeliveredWebhooks {}
