package org.onewindow.catalog;

/** A department taking part in cases; its code is also its candidate group in the task queues. */
public record Department(String code, String name) {}
