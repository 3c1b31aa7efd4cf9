package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateDepartmentsTest {
  @Test
  void aFirstFiringRecordsItsDepartments() {
    assertThat(LateDepartments.union(null, "housing,resources")).isEqualTo("housing,resources");
  }

  @Test
  void laterFiringsAddOnlyDepartmentsNotYetRecordedInTheOrderTheyFired() {
    assertThat(LateDepartments.union("housing", "resources, housing,enforcement"))
        .isEqualTo("housing,resources,enforcement");
  }

  @Test
  void aFiringWithoutDepartmentsIsRecordedAsEmptyNotAsNothing() {
    assertThat(LateDepartments.union(null, null)).isEmpty();
    assertThat(LateDepartments.union(null, " , ")).isEmpty();
    assertThat(LateDepartments.union("", "police")).isEqualTo("police");
  }
}
