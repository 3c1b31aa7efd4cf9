package org.onewindow.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.identity.Groups;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/statistics/ratings?from=yyyy-MM-dd&to=yyyy-MM-dd} (both days included; the last 30
 * days by default): the ratings given, the share satisfied, the bad ratings and how many were followed
 * up in time. For supervisors and administrators.
 */
@RestController
@RequestMapping("/api/statistics/ratings")
public class RatingStatisticsController {
  static final int MAX_DAYS = 3 * 366;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final RatingRepository ratings;
  private final IdentityService identity;

  public RatingStatisticsController(RatingRepository ratings, IdentityService identity) {
    this.ratings = ratings;
    this.identity = identity;
  }

  public record RatingStatistics(LocalDate from, LocalDate to, long total, Map<String, Long> byRating,
      BigDecimal satisfiedShare, long bad, long badFollowedUp, long badFollowedUpInTime, long badOpen,
      long badOverdue) {}

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public RatingStatistics statistics(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null || auth.getGroupIds() == null
        || auth.getGroupIds().stream().noneMatch(g -> Groups.SUPERVISORS.equals(g) || Groups.ADMINISTRATORS.equals(g))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "评价统计仅供监察人员和管理员查看");
    }
    OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toOffsetDateTime();
    List<FieldError> errors = new ArrayList<>();
    LocalDate last = date("to", to, now.toLocalDate(), errors);
    LocalDate first = date("from", from, (last == null ? now.toLocalDate() : last).minusDays(29), errors);
    if (errors.isEmpty() && first.isAfter(last)) {
      errors.add(new FieldError("from", "开始日期不能晚于结束日期"));
    } else if (errors.isEmpty() && ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      errors.add(new FieldError("from", "统计区间不能超过" + MAX_DAYS + "天"));
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    Map<String, Long> byRating = new LinkedHashMap<>();
    for (Rating r : Rating.values()) {
      byRating.put(r.name(), 0L);
    }
    long total = 0;
    long satisfied = 0;
    long bad = 0;
    long followedUp = 0;
    long inTime = 0;
    long overdue = 0;
    for (RatingRepository.GradeCount c : ratings.counts(first.atStartOfDay(ZONE).toOffsetDateTime(),
        last.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime(), now)) {
      byRating.put(c.rating().name(), c.total());
      total += c.total();
      if (c.rating().satisfied()) {
        satisfied += c.total();
      }
      if (c.rating().bad()) {
        bad += c.total();
        followedUp += c.followedUp();
        inTime += c.followedUpInTime();
        overdue += c.overdue();
      }
    }
    BigDecimal share = total == 0 ? null
        : BigDecimal.valueOf(satisfied).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
    return new RatingStatistics(first, last, total, byRating, share, bad, followedUp, inTime, bad - followedUp,
        overdue);
  }

  private static LocalDate date(String field, String value, LocalDate otherwise, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "日期格式应为 yyyy-MM-dd"));
      return null;
    }
  }
}
