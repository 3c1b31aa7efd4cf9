package org.onewindow.material;

import org.springframework.http.HttpStatus;

/** An upload that is not taken: 400 (bad file), 409 (the case takes no more files), 413 (too large). */
public class MaterialRejectedException extends RuntimeException {
  private final HttpStatus status;
  private final String field;

  public MaterialRejectedException(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
