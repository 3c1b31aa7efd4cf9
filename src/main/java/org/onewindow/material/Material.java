package org.onewindow.material;

import java.time.OffsetDateTime;

/** A row of ow_material: one uploaded file of a case. */
public record Material(long id, String receiptNumber, String materialName, String fileName, String contentType,
    long size, String sha256, String storage, String storageKey, String caseStatus, OffsetDateTime uploadedAt) {}
