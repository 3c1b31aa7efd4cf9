package org.onewindow.department;

/**
 * A department's answer: its reference for what it registered (the unified social credit code
 * for a business registration, which since 五证合一 is also the licence number; a seal record
 * number; a tax registration number, ...). {@code replayed} is true when the department had
 * already registered this idempotency key and returned its first answer again.
 */
public record Registration(String department, String referenceNumber, boolean replayed) {}
