package org.onewindow.material;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The bytes as files under a folder ({@code yyyy/MM/<random>.bin}), named by a random id, never by
 * anything the applicant typed. A file is written to a temporary name and moved into place; when the
 * transaction that records it rolls back, it is deleted again, so no file lingers without its record.
 */
public class FolderMaterialStore implements MaterialStore {
  private static final Logger log = LoggerFactory.getLogger(FolderMaterialStore.class);

  private final Path folder;

  public FolderMaterialStore(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return "FOLDER";
  }

  @Override
  public String store(long id, String receiptNumber, InputStream content, long size) throws IOException {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String key = String.format("%04d/%02d/%s.bin", today.getYear(), today.getMonthValue(), UUID.randomUUID());
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "upload-", ".tmp");
    try {
      Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            try {
              Files.deleteIfExists(target);
            } catch (IOException e) {
              log.warn("Could not remove {} after a rolled back upload", target, e);
            }
          }
        }
      });
    }
    return key;
  }

  @Override
  public InputStream open(long id, String storageKey) throws IOException {
    return Files.newInputStream(resolve(storageKey));
  }

  private Path resolve(String key) throws IOException {
    Path path = folder.resolve(key).normalize();
    if (!path.startsWith(folder)) {
      throw new IOException("storage key outside the materials folder: " + key);
    }
    return path;
  }
}
