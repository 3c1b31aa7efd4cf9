package org.onewindow.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The catalog (事项清单) is checked completely before anything runs. The shipped file must load
 * exactly as the county published it; a bad file must be refused with one message per problem,
 * each naming the item and the field, so an operator can fix the file in one go.
 */
class CatalogLoaderTest {

  private static final ItemClassifier CLASSIFIER =
      new ItemClassifier(new ClassPathResource("processes/item-classification.dmn"));

  private final CatalogLoader loader = new CatalogLoader(CLASSIFIER);

  // ---------------------------------------------------------------- the shipped catalog

  @Test
  void shippedCatalogListsTheCountysItemsInFileOrder() {
    Catalog catalog = shippedCatalog();

    assertThat(catalog.items()).extracting(CatalogItem::code)
        .containsExactly("GT-DJ", "TZ-BA", "SP-JY", "JS-GH", "JS-SG", "LS-ZD", "QY-KB");
    assertThat(catalog.departments()).extracting(Department::code)
        .containsExactlyInAnyOrder("market", "drc", "resources", "housing", "enforcement", "police", "tax", "social");
    assertThat(catalog.departmentName("market")).isEqualTo("市场监督管理局");
  }

  @ParameterizedTest(name = "{0}: {1}, lead {2}, {3}/{4} days, reviewed by {5}")
  @CsvSource(delimiter = '|', value = {
      // code | type       | lead        | statutory | promised | review departments, lead first
      "GT-DJ  | IMMEDIATE  | market      | 15        | 0        | market",
      "TZ-BA  | IMMEDIATE  | drc         | 20        | 0        | drc",
      "SP-JY  | COMMITMENT | market      | 20        | 10       | market",
      "JS-GH  | COMMITMENT | resources   | 20        | 10       | resources housing enforcement",
      "JS-SG  | COMMITMENT | housing     | 15        | 5        | housing resources",
      "LS-ZD  | COMMITMENT | enforcement | 20        | 5        | enforcement police housing",
  })
  void shippedItemHasItsTypeDepartmentsAndLimits(String code, ItemType type, String lead, int statutoryDays,
      int promisedDays, String reviewDepartments) {
    CatalogItem item = shippedCatalog().require(code);

    assertThat(item.type()).isEqualTo(type);
    assertThat(item.leadDepartment()).isEqualTo(lead);
    assertThat(item.statutoryDays()).isEqualTo(statutoryDays);
    assertThat(item.promisedDays()).isEqualTo(promisedDays);
    assertThat(item.reviewDepartments()).containsExactly(reviewDepartments.split(" "));
    assertThat(item.coDepartments()).isEqualTo(item.reviewDepartments().subList(1, item.reviewDepartments().size()));
    assertThat(item.name()).isNotBlank();
    assertThat(item.materials()).isNotEmpty();
    assertThat(item.processKey()).isEqualTo(CatalogLoader.defaultProcess(type));
  }

  @Test
  void enterpriseEstablishmentIsOneWorkingDayInItsOwnProcess() {
    CatalogItem item = shippedCatalog().require("QY-KB");

    assertThat(item.name()).isEqualTo("企业开办");
    assertThat(item.type()).isEqualTo(ItemType.COMMITMENT);
    assertThat(item.reviewDepartments()).containsExactly("market", "police", "tax", "social");
    assertThat(item.promisedDays()).isEqualTo(1);
    assertThat(item.statutoryDays()).isEqualTo(5);
    assertThat(item.processKey()).isEqualTo("enterprise-establishment");
    assertThat(item.materials()).contains("企业设立登记申请书", "公司章程", "股东身份证明", "住所使用证明");
  }

  @Test
  void shippedCatalogFlagsSiteInspectionWhereTheCountyInspects() {
    Catalog catalog = shippedCatalog();

    assertThat(catalog.items()).filteredOn(CatalogItem::siteInspection).extracting(CatalogItem::code)
        .containsExactly("SP-JY", "JS-GH", "LS-ZD");
    assertThat(catalog.items()).noneMatch(CatalogItem::technicalReview).noneMatch(CatalogItem::technicalTesting);
  }

  @Test
  void unknownItemIsNotInTheCatalog() {
    Catalog catalog = shippedCatalog();

    assertThat(catalog.item("XX-YY")).isEmpty();
    assertThat(catalog.item(null)).isEmpty();
    assertThatThrownBy(() -> catalog.require("XX-YY")).hasMessageContaining("XX-YY");
  }

  // ---------------------------------------------------------------- a small valid catalog

  @Test
  void smallCatalogWithAnExplicitProcessLoads() {
    Catalog catalog = load(items("""
        - code: QY-KB
          name: 企业开办
          type: COMMITMENT
          leadDepartment: market
          coDepartments: [housing]
          statutoryDays: 15
          promisedDays: 3
          materials: [设立登记申请书]
          process: enterprise-establishment
        """));

    CatalogItem item = catalog.require("QY-KB");
    assertThat(item.processKey()).isEqualTo("enterprise-establishment");
    assertThat(item.reviewDepartments()).containsExactly("market", "housing");
    assertThat(item.needsOtherDepartments()).isTrue();
  }

  // ---------------------------------------------------------------- departments

  @Test
  void unknownLeadDepartmentIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: SP-JY
          name: 食品经营许可
          type: COMMITMENT
          leadDepartment: planning
          siteInspection: true
          statutoryDays: 20
          promisedDays: 10
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("SP-JY", "leadDepartment", "planning");
  }

  @Test
  void unknownCoHandlingDepartmentIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: JS-GH
          name: 建设工程规划许可证
          type: COMMITMENT
          leadDepartment: resources
          coDepartments: [housing, planning]
          statutoryDays: 20
          promisedDays: 10
          materials: [申请表]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("JS-GH", "coDepartments", "planning");
  }

  @Test
  void leadDepartmentListedAgainAsCoHandlingIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: JS-GH
          name: 建设工程规划许可证
          type: COMMITMENT
          leadDepartment: resources
          coDepartments: [resources]
          statutoryDays: 20
          promisedDays: 10
          materials: [申请表]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("JS-GH", "coDepartments", "resources");
  }

  // ---------------------------------------------------------------- time limits

  @Test
  void promisedLimitAboveStatutoryIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: SP-JY
          name: 食品经营许可
          type: COMMITMENT
          leadDepartment: market
          siteInspection: true
          statutoryDays: 20
          promisedDays: 25
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("SP-JY", "promisedDays", "25", "20");
  }

  @Test
  void commitmentItemPromisingZeroDaysIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: SP-JY
          name: 食品经营许可
          type: COMMITMENT
          leadDepartment: market
          siteInspection: true
          statutoryDays: 20
          promisedDays: 0
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("SP-JY", "promisedDays");
  }

  @Test
  void immediateItemPromisingDaysIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 3
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "promisedDays");
  }

  @ParameterizedTest(name = "statutoryDays: {0}")
  @ValueSource(strings = {"ten", "2.5", "'20'", "-1", "366", "[20]", "''"})
  void statutoryDaysThatAreNotAWholeNumberOfWorkingDaysAreRefused(String days) {
    List<String> problems = problemsOf(items("""
        - code: SP-JY
          name: 食品经营许可
          type: COMMITMENT
          leadDepartment: market
          siteInspection: true
          statutoryDays: %s
          promisedDays: 10
          materials: [申请书]
        """.formatted(days)));

    assertThat(problems).singleElement(STRING)
        .contains("SP-JY", "statutoryDays");
  }

  @Test
  void promisedDaysWithUnitIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: SP-JY
          name: 食品经营许可
          type: COMMITMENT
          leadDepartment: market
          siteInspection: true
          statutoryDays: 20
          promisedDays: 10个工作日
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("SP-JY", "promisedDays");
  }

  // ---------------------------------------------------------------- type against the DMN rule

  @ParameterizedTest(name = "IMMEDIATE with {0}")
  @ValueSource(strings = {
      "coDepartments: [housing]",
      "siteInspection: true",
      "technicalReview: true",
      "technicalTesting: true"})
  void immediateItemThatNeedsMoreThanTheWindowContradictsTheRule(String criterion) {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          %s
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        """.formatted(criterion)));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "field type", "IMMEDIATE", "COMMITMENT");
  }

  @Test
  void commitmentItemThatNeedsNothingButTheWindowContradictsTheRule() {
    List<String> problems = problemsOf(items("""
        - code: TZ-BA
          name: 企业投资项目备案
          type: COMMITMENT
          leadDepartment: drc
          statutoryDays: 20
          promisedDays: 5
          materials: [备案申请表]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("TZ-BA", "field type", "COMMITMENT", "IMMEDIATE");
  }

  @Test
  void unknownTypeIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: 即办件
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "field type", "即办件");
  }

  // ---------------------------------------------------------------- identity and completeness

  @Test
  void duplicateCodeIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        - code: GT-DJ
          name: 个体工商户变更登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [变更申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "code");
  }

  @ParameterizedTest(name = "name: [{0}]")
  @ValueSource(strings = {"", "''", "'   '"})
  void missingNameIsRefused(String name) {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: %s
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        """.formatted(name)));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "field name");
  }

  @Test
  void itemWithoutCodeIsNamedByItsPosition() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        - name: 个体工商户变更登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [变更申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("#2", "field code");
  }

  @Test
  void itemWithoutMaterialsIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
        """));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "materials");
  }

  @Test
  void badCodeFormatIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: gtdj
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
        """));

    assertThat(problems).singleElement(STRING)
        .contains("gtdj", "field code");
  }

  @Test
  void processThatIsNotAProcessKeyIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: GT-DJ
          name: 个体工商户登记
          type: IMMEDIATE
          leadDepartment: market
          statutoryDays: 15
          promisedDays: 0
          materials: [申请书]
          process: 即办件办理
        """));

    assertThat(problems).singleElement(STRING)
        .contains("GT-DJ", "field process");
  }

  // ---------------------------------------------------------------- the file as a whole

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {
      "departments: {market: 市场监督管理局\nitems: [",
      "departments:\n\tmarket: 市场监督管理局\n",
      "items: [a, b]\n  - c\n"})
  void invalidYamlIsRefusedNamingTheSource(String text) {
    CatalogException e = loadFailure(text);

    assertThat(e.problems()).singleElement(STRING).contains("YAML");
    assertThat(e).hasMessageContaining("inline-test.yaml");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "just a sentence", "- a\n- b\n"})
  void fileThatIsNotAMappingIsRefused(String text) {
    assertThat(loadFailure(text).problems()).singleElement(STRING).contains("departments", "items");
  }

  @Test
  void catalogWithoutItemsIsRefused() {
    assertThat(problemsOf(DEPARTMENTS + "items: []\n")).singleElement(STRING).contains("items");
  }

  @Test
  void badFileReportsEveryProblemAtOnceInFileOrder() throws IOException {
    CatalogException e;
    try (InputStream in = new ClassPathResource("catalog/bad-several-problems.yaml").getInputStream()) {
      e = catchThrowableOfType(CatalogException.class, () -> loader.load(in, "bad-several-problems.yaml"));
    }

    assertThat(e).as("the bad catalog must be refused").isNotNull();
    assertThat(e.problems()).satisfiesExactly(
        p -> assertThat(p).contains("department", "Tax", "code"),
        p -> assertThat(p).contains("GT-DJ", "field name"),
        p -> assertThat(p).contains("SP-JY", "leadDepartment", "planning"),
        p -> assertThat(p).contains("SP-JY", "promisedDays", "25"),
        p -> assertThat(p).contains("JS-GH", "coDepartments", "transport"),
        p -> assertThat(p).contains("JS-SG", "statutoryDays"),
        p -> assertThat(p).contains("LS-ZD", "field type"),
        p -> assertThat(p).contains("QY-KB", "promisedDays"),
        p -> assertThat(p).contains("TZ-BA", "code"));
    assertThat(e.getMessage()).contains("bad-several-problems.yaml")
        .contains(e.problems());
  }

  @Test
  void loadingFromAResourceNamesTheResourceInTheMessage() {
    assertThatThrownBy(() -> loader.load(new ClassPathResource("catalog/bad-not-yaml.yaml")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("bad-not-yaml.yaml")
        .hasMessageContaining("YAML");
  }

  @Test
  void aMisspelledFieldIsRefusedRatherThanIgnored() {
    List<String> problems = problemsOf(items("""
        - code: JS-SG
          name: 建筑工程施工许可证
          type: COMMITMENT
          leadDepartment: housing
          coDepartment: [resources]
          statutoryDays: 15
          promisedDays: 5
          materials: [申请表]
        """));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("JS-SG", "coDepartment", "unknown field"));
  }

  @Test
  void aRepeatedKeyIsRefusedRatherThanTheLastOneWinning() {
    List<String> problems = problemsOf(items("""
        - code: JS-SG
          name: 建筑工程施工许可证
          type: COMMITMENT
          leadDepartment: housing
          coDepartments: [resources]
          statutoryDays: 15
          promisedDays: 25
          promisedDays: 5
          materials: [申请表]
        """));

    assertThat(problems).singleElement(STRING).contains("promisedDays");
  }

  @Test
  void aCoHandlingDepartmentListedTwiceIsRefused() {
    List<String> problems = problemsOf(items("""
        - code: JS-SG
          name: 建筑工程施工许可证
          type: COMMITMENT
          leadDepartment: housing
          coDepartments: [resources, resources]
          statutoryDays: 15
          promisedDays: 5
          materials: [申请表]
        """));

    assertThat(problems).singleElement(STRING).contains("JS-SG", "coDepartments", "more than once");
  }

  @Test
  void departmentsKeepTheirFileOrder() {
    assertThat(shippedCatalog().departments()).extracting(Department::code)
        .containsExactly("market", "drc", "resources", "housing", "enforcement", "police", "tax", "social");
  }

  // ---------------------------------------------------------------- helpers

  private static final String DEPARTMENTS = """
      departments:
        market: 市场监督管理局
        drc: 发展和改革局
        resources: 自然资源局
        housing: 住房和城乡建设局
      """;

  /** A catalog with the departments above and the given items (a YAML list at column 0). */
  private static String items(String itemList) {
    return DEPARTMENTS + "items:\n" + itemList;
  }

  private Catalog shippedCatalog() {
    return loader.load(new ClassPathResource("catalog/catalog.yaml"));
  }

  private Catalog load(String yaml) {
    return loader.load(new ByteArrayInputStream(yaml.getBytes(UTF_8)), "inline-test.yaml");
  }

  private CatalogException loadFailure(String yaml) {
    CatalogException e = catchThrowableOfType(CatalogException.class, () -> load(yaml));
    assertThat(e).as("catalog should have been refused:%n%s", yaml).isNotNull();
    return e;
  }

  private List<String> problemsOf(String yaml) {
    return loadFailure(yaml).problems();
  }
}
