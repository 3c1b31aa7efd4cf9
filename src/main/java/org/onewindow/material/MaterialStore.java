package org.onewindow.material;

import java.io.IOException;
import java.io.InputStream;

/** Where the bytes of uploaded materials live (the metadata is always in ow_material). */
public interface MaterialStore {

  /** The value of ow_material.storage for files kept here. */
  String name();

  /**
   * Keeps {@code size} bytes from {@code content} for material {@code id}, in the caller's transaction
   * (or undone when it rolls back). Returns the storage key to keep in ow_material (may be null).
   */
  String store(long id, String receiptNumber, InputStream content, long size) throws IOException;

  /** The bytes of a material kept here. */
  InputStream open(long id, String storageKey) throws IOException;
}
