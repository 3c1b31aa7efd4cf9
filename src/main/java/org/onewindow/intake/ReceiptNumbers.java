package org.onewindow.intake;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Receipt numbers (办件编号) like {@code OW20261127000042}: the receiving day and a database
 * sequence, unique across every node. A receipt number is no secret; it opens nothing by itself.
 */
@Component
public class ReceiptNumbers {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String SEQUENCE = "ow_receipt_seq";

  private final DataFieldMaxValueIncrementer sequence;

  public ReceiptNumbers(DataSource dataSource) throws MetaDataAccessException {
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
    this.sequence = product.toLowerCase().contains("postgres")
        ? new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE)
        : new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
  }

  public String next(LocalDate day) {
    return "OW" + DAY.format(day) + String.format("%06d", sequence.nextLongValue());
  }
}
