package org.onewindow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Talks to a running OneWindow over real HTTP as one user, like any client would. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String authorization;

  private ApiClient(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  public static ApiClient as(int port, String user, String password) {
    return new ApiClient("http://localhost:" + port, "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public static ApiClient anonymous(int port) {
    return new ApiClient("http://localhost:" + port, null);
  }

  public record Response(int status, String contentType, String body, String location,
      java.util.Map<String, java.util.List<String>> headers) {
    public Response(int status, String contentType, String body, String location) {
      this(status, contentType, body, location, java.util.Map.of());
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String jsonBody) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)));
  }

  public Response post(String path, Object body) {
    try {
      return post(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response put(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
          r.headers().firstValue("Location").orElse(null), r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON body sent chunked, without a declared length. */
  public Response postChunked(String path, byte[] jsonBody) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(jsonBody))));
  }

  /** A file part of a multipart upload. */
  public record FilePart(String field, String fileName, String contentType, byte[] content) {}

  /** {@code multipart/form-data} with text fields and files, as a browser's form sends it. */
  public Response postMultipart(String path, java.util.Map<String, String> fields, FilePart... files) {
    String boundary = "----OneWindowTest" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n"));
    for (FilePart f : files) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field() + "\"; filename=\""
          + f.fileName() + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n");
      body.writeBytes(f.content());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void write(java.io.ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends only the headers and the first bytes of a request that declares a much larger body, over a
   * plain socket, and returns the status line and what the server answered before it had the rest:
   * proof that an oversized body is refused without being read.
   */
  public String postDeclaringLength(String path, String contentType, long declaredLength, byte[] firstBytes) {
    URI uri = URI.create(baseUrl + path);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
          + ":" + uri.getPort() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declaredLength
          + "\r\nAccept: application/json\r\n");
      if (authorization != null) {
        head.append("Authorization: ").append(authorization).append("\r\n");
      }
      head.append("\r\n");
      java.io.OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(firstBytes);
      out.flush();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      java.io.InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
          String text = answer.toString(StandardCharsets.UTF_8);
          int end = text.indexOf("\r\n\r\n");
          if (end >= 0 && text.substring(end + 4).contains("}")) {
            break;
          }
        }
      } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
        // the server may close the connection after answering; what arrived is the answer
      }
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
