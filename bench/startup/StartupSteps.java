import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;

/**
 * Starts Facecard with Spring's startup steps recorded, and prints the longest ones (each
 * includes the steps it contains, such as the beans a bean needs): where start-up goes.
 * Used by bench/startup-steps.sh.
 */
public class StartupSteps {

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(Class.forName("dev.facecard.FacecardApplication"));
		BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
		application.setApplicationStartup(startup);
		long start = System.nanoTime();
		try (var context = application.run(args)) {
			System.out.printf("run: %d ms%n", (System.nanoTime() - start) / 1_000_000);
			List<TimelineEvent> events = new ArrayList<>(startup.getBufferedTimeline().getEvents());
			events.sort(Comparator.comparing(TimelineEvent::getDuration).reversed());
			int top = Integer.getInteger("top", 30);
			for (TimelineEvent event : events.subList(0, Math.min(top, events.size()))) {
				StringBuilder tags = new StringBuilder();
				event.getStartupStep().getTags().forEach(tag -> tags.append(' ').append(tag.getKey()).append('=')
					.append(tag.getValue(), 0, Math.min(80, tag.getValue().length())));
				System.out.printf("%6d ms  %s%s%n", event.getDuration().toMillis(), event.getStartupStep().getName(), tags);
			}
		}
	}

}
