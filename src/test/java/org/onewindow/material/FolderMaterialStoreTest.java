package org.onewindow.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class FolderMaterialStoreTest {
  @TempDir
  Path folder;

  private static byte[] content() {
    return "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII);
  }

  private long files() throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void storesUnderARandomNameAndReadsBack() throws IOException {
    FolderMaterialStore store = new FolderMaterialStore(folder);
    String key = store.store(1, "OW20260101000001", new ByteArrayInputStream(content()), content().length);
    assertThat(key).matches("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.bin");
    try (InputStream in = store.open(1, key)) {
      assertThat(in.readAllBytes()).isEqualTo(content());
    }
    assertThat(files()).isEqualTo(1);
    assertThatThrownBy(() -> store.open(1, "../../etc/passwd")).isInstanceOf(IOException.class);
  }

  @Test
  void aRolledBackUploadLeavesNoFile() throws IOException {
    FolderMaterialStore store = new FolderMaterialStore(folder);
    TransactionSynchronizationManager.initSynchronization();
    try {
      store.store(2, "OW20260101000002", new ByteArrayInputStream(content()), content().length);
      assertThat(files()).isEqualTo(1);
      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
      }
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }
    assertThat(files()).isZero();
  }
}
