package org.onewindow.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The HTTP client OneWindow calls other systems with (the departments' systems, the SMS gateway):
 * Apache HttpClient's blocking client with a pool of kept-alive connections per client. The call
 * runs on the caller's thread; the JDK's HttpClient, used before, handed every call to its own
 * selector and worker threads, which cost more CPU than the call itself (README "Performance").
 *
 * <p>Failures as the callers tell them apart: no connection in time is
 * {@link org.apache.hc.client5.http.ConnectTimeoutException}, no answer in time
 * {@link java.net.SocketTimeoutException}, a refused connection {@link java.net.ConnectException}.
 * The client itself never sends a request twice (automatic retries are off: Apache's default
 * would repeat a POST answered 503 or 429); a failed call fails its job, which the engine retries
 * on the step's retry cycle with the same idempotency key.
 *
 * <p>One instance per caller: it keeps the connection pools it created and closes them with
 * {@link #close()}, when the application stops.
 */
public final class OutboundHttp implements AutoCloseable {
  /** Connections kept per client (one client per department system, one for the SMS gateway). */
  static final int MAX_CONNECTIONS = 20;
  /** A kept connection idle this long is checked before it is used again (the peer may have closed it). */
  private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

  private final List<HttpComponentsClientHttpRequestFactory> factories = new CopyOnWriteArrayList<>();

  /** A request factory for Spring's RestClient, with its own connection pool. */
  public HttpComponentsClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
            .build())
        .setMaxConnTotal(MAX_CONNECTIONS)
        .setMaxConnPerRoute(MAX_CONNECTIONS)
        .build();
    CloseableHttpClient client = HttpClients.custom()
        .setConnectionManager(connections)
        // Its default strategy would send a POST again on a 503 or 429; the job's retry cycle decides instead.
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
    HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
    // Waiting for a free connection counts as connecting; the answer must come within the read timeout.
    factory.setConnectionRequestTimeout(connectTimeout);
    factory.setReadTimeout(readTimeout);
    factories.add(factory);
    return factory;
  }

  /** Closes every connection pool this instance created. */
  @Override
  public void close() {
    for (HttpComponentsClientHttpRequestFactory factory : factories) {
      try {
        factory.destroy();
      } catch (Exception e) {
        // a connection that will not close is left to the operating system
      }
    }
    factories.clear();
  }
}
