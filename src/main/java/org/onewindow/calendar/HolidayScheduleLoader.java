package org.onewindow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Feeds the {@link WorkingDayCalendar} from the schedules shipped on the classpath ({@code
 * calendar/*.yaml}) and from every {@code *.yaml} in the configured folder.
 *
 * <p>Folder files override shipped ones for the same year, so a late or corrected State Council
 * notice needs no release. If two folder files declare the same year, {@code <year>.yaml} wins
 * (that is the file the admin API writes), otherwise the first by name. A folder file that becomes
 * invalid keeps its last valid version loaded and is reported in {@link #problems()}; an invalid
 * shipped file is a build error and fails start-up.
 *
 * <p>The folder is polled (see {@link #poll()}); each poll rereads the files, which are a few
 * hundred bytes each, and swaps the calendar's schedules in one step. When that changes any year a
 * {@link CalendarChangedEvent} is published.
 */
public class HolidayScheduleLoader implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(HolidayScheduleLoader.class);

  static final String CLASSPATH_PATTERN = "classpath*:calendar/*.yaml";
  /** Far above a real schedule (about 1 KB); guards against loading something unrelated. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Pattern YEAR_FILE_NAME = Pattern.compile("(\\d{4})\\.yaml");

  private final WorkingDayCalendar calendar;
  private final Path folder;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final ResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

  private final Object lock = new Object();
  // Both guarded by lock.
  private Map<Integer, HolidaySchedule> shipped = Map.of();
  private final Map<Path, FolderFile> folderFiles = new HashMap<>();

  private volatile List<String> problems = List.of();

  /** What was last read from one folder file. */
  private record FolderFile(byte[] content, HolidaySchedule lastValid, String problem) {}

  public HolidayScheduleLoader(
      WorkingDayCalendar calendar,
      Path folder,
      ApplicationEventPublisher publisher,
      Clock clock) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Initial load; no event, since nobody can have computed anything yet. */
  @Override
  public void afterPropertiesSet() throws IOException {
    synchronized (lock) {
      shipped = readShipped();
      apply();
    }
    log.info(
        "Holiday schedules loaded for {} (folder {})",
        calendar.loadedYears(),
        folder.toAbsolutePath());
    warnIfIncomplete();
  }

  public WorkingDayCalendar calendar() {
    return calendar;
  }

  public Path folder() {
    return folder;
  }

  /** Current problems with folder files (invalid, unreadable, duplicate year); empty if none. */
  public List<String> problems() {
    return problems;
  }

  /** The current year and the next one in the calendar's zone: the years that must be loaded. */
  public Set<Integer> requiredYears() {
    int current = clock.instant().atZone(calendar.zone()).getYear();
    return Collections.unmodifiableSet(new TreeSet<>(List.of(current, current + 1)));
  }

  /** The {@link #requiredYears()} that have no schedule. */
  public Set<Integer> missingRequiredYears() {
    Set<Integer> missing = new TreeSet<>(requiredYears());
    missing.removeAll(calendar.loadedYears());
    return Collections.unmodifiableSet(missing);
  }

  /** Runs {@link #reload()} on a fixed delay ({@code onewindow.calendar.poll-interval}). */
  @Scheduled(
      fixedDelayString = "${onewindow.calendar.poll-interval:60s}",
      initialDelayString = "${onewindow.calendar.poll-interval:60s}")
  public void poll() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.error("Reloading holiday schedules from {} failed", folder.toAbsolutePath(), e);
    }
  }

  /**
   * Rereads the folder and applies the result; publishes a {@link CalendarChangedEvent} if any
   * year changed.
   *
   * @return the years whose schedule was added, changed or removed
   */
  public Set<Integer> reload() {
    Set<Integer> changed;
    Set<Integer> loadedYears;
    synchronized (lock) {
      changed = apply();
      loadedYears = calendar.loadedYears();
    }
    if (!changed.isEmpty()) {
      log.info("Holiday schedules changed for {}; loaded now: {}", changed, loadedYears);
      warnIfIncomplete();
      // Outside the lock: listeners may be slow (recomputing open deadlines) or call back in.
      try {
        publisher.publishEvent(new CalendarChangedEvent(this, changed, loadedYears));
      } catch (RuntimeException e) {
        // The calendar is already updated; a failing listener must not undo or hide that.
        log.error("A listener failed to handle the calendar change of {}", changed, e);
      }
    }
    return changed;
  }

  /**
   * Writes {@code schedule} to {@code <folder>/<year>.yaml} (replacing it atomically, so the poller
   * never sees half a file) and loads it.
   *
   * @param origin recorded in the file's header comment, e.g. "PUT /api/calendar/2027"
   */
  public void store(HolidaySchedule schedule, String origin) throws IOException {
    synchronized (lock) {
      Files.createDirectories(folder);
      Path target = folder.resolve(schedule.year() + ".yaml");
      Path temp = folder.resolve("." + schedule.year() + ".yaml.tmp");
      String header = "Stored by OneWindow from " + origin + " at " + clock.instant();
      Files.writeString(
          temp, HolidayScheduleFormat.toYaml(schedule, header), StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      log.info("Holiday schedule {} stored in {} from {}", schedule.year(), target, origin);
    }
    reload();
  }

  // ---------------------------------------------------------------- internals

  private Map<Integer, HolidaySchedule> readShipped() throws IOException {
    Map<Integer, HolidaySchedule> result = new TreeMap<>();
    for (Resource resource : resources.getResources(CLASSPATH_PATTERN)) {
      String name = resource.getFilename();
      String text;
      try (InputStream in = resource.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      HolidaySchedule schedule =
          HolidayScheduleFormat.parseYaml(text, "classpath:calendar/" + name, yearOfFileName(name));
      if (result.put(schedule.year(), schedule) != null) {
        throw new IllegalStateException(
            "two holiday schedules for " + schedule.year() + " on the classpath");
      }
    }
    return result;
  }

  /** Rereads the folder and swaps the calendar's schedules. Caller holds the lock. */
  private Set<Integer> apply() {
    List<String> found = new ArrayList<>();
    refreshFolderFiles(found);
    Map<Integer, HolidaySchedule> merged = new TreeMap<>(shipped);
    Map<Integer, Path> chosen = new HashMap<>();
    for (Map.Entry<Path, FolderFile> entry : new TreeMap<>(folderFiles).entrySet()) {
      Path file = entry.getKey();
      FolderFile state = entry.getValue();
      if (state.problem() != null) {
        found.add(state.problem());
      }
      HolidaySchedule schedule = state.lastValid();
      if (schedule == null) {
        continue;
      }
      Path other = chosen.get(schedule.year());
      if (other != null) {
        boolean canonical = Integer.valueOf(schedule.year()).equals(yearOfFileName(file));
        Path used = canonical ? file : other;
        Path ignored = canonical ? other : file;
        found.add(
            ignored + ": year " + schedule.year() + " is also in " + used + ", which is used");
        if (!canonical) {
          continue;
        }
      }
      chosen.put(schedule.year(), file);
      merged.put(schedule.year(), schedule);
    }
    for (String problem : found) {
      if (!problems.contains(problem)) {
        log.error("Holiday schedule problem: {}", problem);
      }
    }
    problems = List.copyOf(found);
    return calendar.replaceAll(merged.values());
  }

  private void refreshFolderFiles(List<String> found) {
    List<Path> listed;
    try {
      listed = listFolder();
    } catch (IOException e) {
      // Keep what is loaded rather than dropping every folder year on a transient error.
      found.add(folder.toAbsolutePath() + ": cannot be listed: " + e);
      return;
    }
    Set<Path> present = new LinkedHashSet<>();
    for (Path file : listed) {
      present.add(file);
      FolderFile previous = folderFiles.get(file);
      HolidaySchedule lastValid = previous == null ? null : previous.lastValid();
      byte[] content;
      try {
        if (Files.size(file) > MAX_FILE_BYTES) {
          folderFiles.put(
              file,
              problem(previous, lastValid, file + ": larger than " + MAX_FILE_BYTES + " bytes"));
          continue;
        }
        content = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        present.remove(file); // deleted between listing and reading
        continue;
      } catch (IOException e) {
        folderFiles.put(file, problem(previous, lastValid, file + ": cannot be read: " + e));
        continue;
      }
      if (previous != null && Arrays.equals(previous.content(), content)) {
        continue;
      }
      try {
        HolidaySchedule schedule =
            HolidayScheduleFormat.parseYaml(
                new String(content, StandardCharsets.UTF_8),
                file.toString(),
                yearOfFileName(file));
        folderFiles.put(file, new FolderFile(content, schedule, null));
      } catch (InvalidHolidayScheduleException e) {
        String problem =
            lastValid == null
                ? e.getMessage()
                : e.getMessage() + " (the previous valid version stays loaded)";
        folderFiles.put(file, new FolderFile(content, lastValid, problem));
      }
    }
    folderFiles.keySet().removeIf(file -> !present.contains(file));
  }

  private static FolderFile problem(FolderFile previous, HolidaySchedule lastValid, String what) {
    return new FolderFile(previous == null ? null : previous.content(), lastValid, what);
  }

  /** The folder's {@code *.yaml} files by name; none if the folder does not exist. */
  private List<Path> listFolder() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.yaml")) {
      for (Path file : stream) {
        // Hidden files are editors' and our own temporary copies.
        if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    return files;
  }

  private void warnIfIncomplete() {
    Set<Integer> missing = missingRequiredYears();
    if (!missing.isEmpty()) {
      log.warn(
          "No holiday schedule for {} (needed: current and next year {}): working days there"
              + " are counted as Monday to Friday only and deadlines are provisional. Add"
              + " <year>.yaml to {} or PUT /api/calendar/<year>.",
          missing,
          requiredYears(),
          folder.toAbsolutePath());
    }
  }

  private static Integer yearOfFileName(Path file) {
    return yearOfFileName(file.getFileName().toString());
  }

  private static Integer yearOfFileName(String name) {
    Matcher matcher = YEAR_FILE_NAME.matcher(name == null ? "" : name);
    return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
  }
}
