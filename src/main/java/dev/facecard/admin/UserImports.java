package dev.facecard.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.facecard.admin.NdjsonLines.Line;
import dev.facecard.app.AppScope;
import dev.facecard.app.AppService;
import dev.facecard.avatar.AvatarUploads;
import dev.facecard.avatar.AvatarUploads.ImportedAvatar;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.DatabaseFailures;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.web.JsonFields;
import dev.facecard.shared.web.StreamingRequests;
import dev.facecard.shared.web.error.ConflictException;
import dev.facecard.shared.web.error.InvalidRequestException;
import dev.facecard.shared.web.error.PayloadTooLargeException;
import dev.facecard.shared.web.error.Problems;
import dev.facecard.user.UpsertOutcome;
import dev.facecard.user.UserFields;
import dev.facecard.user.UserUpsert;
import dev.facecard.user.UserUpserts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/**
 * {@code POST /admin/users/import}: NDJSON in, one upsert per line, NDJSON out, one
 * result per line in their order, while the body is still arriving. The request's thread
 * reads, parses and checks the lines (and normalises their avatars, under the upload
 * path's decode bound); a writer thread of the import gathers them into batches of
 * {@code facecard.user-import.batch-size}, writes each in a transaction of its own and
 * answers its lines once it is committed. A batch is written when full, or once no line
 * has come for {@code max-delay}, so a client that waits for its results gets them. Lines
 * refused while read are answered in their place; a batch that fails as a whole (a
 * concurrent write took a username) is written again line by line, so only the lines at
 * fault are refused. Memory stays bounded whatever the body's size: one line being read,
 * the batches queued between the two threads, and at most
 * {@value #MAX_QUEUED_IMAGE_BYTES} bytes of normalised avatars.
 */
@Component
class UserImports {

	private static final Logger log = LoggerFactory.getLogger(UserImports.class);

	static final String NDJSON = "application/x-ndjson";

	/**
	 * The fields of a line: those of {@code POST /admin/users}, {@code banned}, avatar,
	 * and a new user's {@code createdAt} (an export's lines carry it).
	 */
	static final List<String> FIELDS = Stream
		.concat(Stream.of("appid", "userId", "avatar", "createdAt"), UserFields.PATCH_FIELDS.stream())
		.toList();

	/** Normalised avatars waiting to be written, at most. */
	private static final int MAX_QUEUED_IMAGE_BYTES = 32 * 1024 * 1024;

	/** Normalised avatars of one batch, at most. */
	private static final int MAX_BATCH_IMAGE_BYTES = 16 * 1024 * 1024;

	/**
	 * Attempts of a batch while the database is unavailable: each statement waits at most
	 * the driver's read timeout (1 s by default), which a database busy with other work
	 * misses now and then; the pauses between attempts double from
	 * {@value #RETRY_PAUSE_MILLIS} ms, about 15 s in all, before the batch's lines are
	 * refused with 503.
	 */
	private static final int MAX_ATTEMPTS = 6;

	private static final long RETRY_PAUSE_MILLIS = 500;

	/** Most apps whose existence an import remembers. */
	private static final int MAX_KNOWN_APPS = 1000;

	private final JsonMapper json;

	private final UserUpserts upserts;

	private final AppService apps;

	private final AvatarUploads avatars;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StreamingRequests streaming;

	private final int batchSize;

	private final long maxDelayNanos;

	private final int maxLineBytes;

	UserImports(JsonMapper json, UserUpserts upserts, AppService apps, AvatarUploads avatars,
			PlatformTransactionManager transactionManager, Clock clock, StreamingRequests streaming,
			FacecardProperties properties) {
		this.json = json;
		this.upserts = upserts;
		this.apps = apps;
		this.avatars = avatars;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.streaming = streaming;
		this.batchSize = properties.userImport().batchSize();
		this.maxDelayNanos = properties.userImport().maxDelay().toNanos();
		this.maxLineBytes = maxLineBytes(properties.avatar().maxUploadSize().toBytes());
	}

	/**
	 * The longest line: an avatar of the largest upload in base64 (4 bytes for every 3),
	 * and 64 KiB for the other fields (the admin JSON body limit).
	 */
	static int maxLineBytes(long maxUploadBytes) {
		return (int) Math.min(Integer.MAX_VALUE - 8,
				(maxUploadBytes + 2) / 3 * 4 + AdminBodyLimitFilter.MAX_BODY_BYTES);
	}

	void run(HttpServletRequest request, HttpServletResponse response, AppScope scope) throws IOException {
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(NDJSON);
		Writer writer = new Writer(response.getOutputStream(), request);
		Map<String, String> context = MDC.getCopyOfContextMap();
		Thread thread = new Thread(() -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			writer.run();
		}, "user-import");
		thread.setDaemon(true);
		thread.start();
		Reader reader = new Reader(scope);
		NdjsonLines lines = new NdjsonLines(request.getInputStream(), this.maxLineBytes);
		try {
			Line line;
			while (!writer.failed && (line = lines.next()) != null) {
				writer.hand(reader.read(line));
				this.streaming.progressed(request);
			}
		}
		catch (IOException ex) {
			// the client broke off or stalled: what it sent whole is still written
			log.info("An import's body broke off ({})", ex.getClass().getSimpleName());
		}
		finally {
			writer.hand(Item.END);
			join(thread);
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A line as read: an upsert with its avatar, or refused already.
	 */
	private record Item(int line, UserUpsert upsert, ImportedAvatar avatar, ErrorResponse error) {

		static final Item END = new Item(-1, null, null, null);

		long imageBytes() {
			return (this.avatar != null) ? this.avatar.bytes() : 0;
		}

	}

	/** The result of one line, as answered. */
	@JsonInclude(Include.NON_NULL)
	record Result(int line, String status, String userId, Map<String, Object> error) {

		static Result of(int line, UpsertOutcome outcome) {
			if (outcome.error() != null) {
				return refused(line, outcome.error());
			}
			return new Result(line, outcome.status().name().toLowerCase(Locale.ROOT), outcome.userId(), null);
		}

		static Result refused(int line, ErrorResponse error) {
			return new Result(line, "error", null, Problems.body(error.getStatusCode(), error.getBody().getDetail()));
		}

	}

	/** Reads lines on the request's thread: parsed, checked, avatars normalised. */
	private final class Reader {

		private final AppScope scope;

		/** Apps known to exist within the scope (none is ever deleted). */
		private final Set<String> knownApps = new HashSet<>();

		Reader(AppScope scope) {
			this.scope = scope;
		}

		Item read(Line line) {
			try {
				if (line.tooLong()) {
					throw new PayloadTooLargeException(
							"A line is at most " + UserImports.this.maxLineBytes + " bytes.");
				}
				return upsert(line.number(), line.bytes());
			}
			catch (RuntimeException ex) {
				if (ex instanceof ErrorResponse error) {
					return new Item(line.number(), null, null, error);
				}
				return new Item(line.number(), null, null, unexpected(ex));
			}
		}

		private Item upsert(int number, byte[] bytes) {
			JsonNode node;
			try {
				node = UserImports.this.json.readTree(bytes);
			}
			catch (JacksonException ex) {
				throw new InvalidRequestException("The line is not valid JSON.");
			}
			JsonFields fields = JsonFields.of(node, FIELDS);
			String appid = fields.string("appid");
			if (appid == null) {
				throw new InvalidRequestException("'appid' is required.");
			}
			Identifiers.requireValid("appid", appid);
			String userId = fields.string("userId");
			if (userId != null) {
				Identifiers.requireValid("userId", userId);
			}
			UserFields user = UserFields.read(fields);
			if (user.username() == null) {
				throw new InvalidRequestException("'username' is required.");
			}
			requireApp(appid);
			ImportedAvatar avatar = avatar(fields);
			Optional<String> avatarHash = !fields.has("avatar") ? null
					: Optional.ofNullable(avatar).map(ImportedAvatar::hash);
			return new Item(number, new UserUpsert(appid, userId, user, avatarHash, createdAt(fields)), avatar, null);
		}

		/**
		 * A registration time from the line, epoch milliseconds, not before 1970; null
		 * when the line has none. Whether it is past is checked only for a user it
		 * creates ({@code UserUpserts}).
		 */
		private Instant createdAt(JsonFields fields) {
			if (!fields.has("createdAt")) {
				return null;
			}
			Long epochMilli = fields.longInteger("createdAt");
			if (epochMilli == null || epochMilli < 0) {
				throw new InvalidRequestException(UserUpsert.CREATED_AT_RULE);
			}
			return Instant.ofEpochMilli(epochMilli);
		}

		private void requireApp(String appid) {
			if (this.knownApps.contains(appid)) {
				return;
			}
			if (!this.scope.reaches(appid) || !UserImports.this.apps.exists(appid)) {
				throw AppService.notFound(appid);
			}
			if (this.knownApps.size() < MAX_KNOWN_APPS) {
				this.knownApps.add(appid);
			}
		}

		/** The line's avatar, normalised; null when it has none or removes it. */
		private ImportedAvatar avatar(JsonFields fields) {
			String base64 = fields.string("avatar");
			if (base64 == null) {
				return null;
			}
			byte[] image;
			try {
				image = Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("'avatar' must be the image bytes in base64 (RFC 4648).");
			}
			try {
				return UserImports.this.avatars.prepare(image);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Writes batches and answers their lines, on a thread of its own: a line read while a
	 * batch is written joins the next one.
	 */
	private final class Writer implements Runnable {

		private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(
				Math.max(2 * UserImports.this.batchSize, 16));

		/** Bytes of normalised avatars queued or batched, not yet written. */
		private final Semaphore imageBytes = new Semaphore(MAX_QUEUED_IMAGE_BYTES);

		private final OutputStream out;

		private final HttpServletRequest request;

		private final List<Item> batch = new ArrayList<>();

		private final Set<String> batchUsers = new HashSet<>();

		private long batchImageBytes;

		/** The answer cannot be written any more (the client went away): stop reading. */
		volatile boolean failed;

		Writer(OutputStream out, HttpServletRequest request) {
			this.out = out;
			this.request = request;
		}

		/** Hands a line over; waits while the writer is behind, unless it failed. */
		void hand(Item item) {
			try {
				while (!this.imageBytes.tryAcquire(permits(item), 100, TimeUnit.MILLISECONDS)) {
					if (this.failed) {
						return;
					}
				}
				while (!this.queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
					if (this.failed && item != Item.END) {
						return;
					}
					if (this.failed) {
						// no drain runs after an interrupt: make room for the end
						this.queue.clear();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.failed = true;
			}
		}

		private static int permits(Item item) {
			return (int) Math.min(MAX_QUEUED_IMAGE_BYTES, item.imageBytes());
		}

		@Override
		public void run() {
			try {
				while (true) {
					Item item = this.batch.isEmpty() ? this.queue.take()
							: this.queue.poll(UserImports.this.maxDelayNanos, TimeUnit.NANOSECONDS);
					if (item == null) {
						write();
						continue;
					}
					if (item == Item.END) {
						write();
						return;
					}
					add(item);
				}
			}
			catch (IOException ex) {
				log.info("An import's answer could not be written ({})", ex.getClass().getSimpleName());
				this.failed = true;
				drain();
			}
			catch (InterruptedException ex) {
				this.failed = true;
			}
			catch (RuntimeException ex) {
				log.error("An import stopped", ex);
				this.failed = true;
				drain();
			}
		}

		/** Frees the reader once nothing more can be answered, until it hands the end. */
		private void drain() {
			try {
				Item item;
				do {
					item = this.queue.take();
					this.imageBytes.release(permits(item));
				}
				while (item != Item.END);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void add(Item item) throws IOException {
			if (item.upsert() != null) {
				// a batch names each user once: a second line of one waits for the first
				// to be written
				List<String> keys = keys(item.upsert());
				if (keys.stream().anyMatch(this.batchUsers::contains)) {
					write();
				}
				this.batchUsers.addAll(keys);
				this.batchImageBytes += item.imageBytes();
			}
			this.batch.add(item);
			if (this.batch.size() >= UserImports.this.batchSize || this.batchImageBytes >= MAX_BATCH_IMAGE_BYTES) {
				write();
			}
		}

		private static List<String> keys(UserUpsert upsert) {
			String name = "name:" + upsert.appid() + "\n" + upsert.username();
			return (upsert.userId() != null) ? List.of(name, "id:" + upsert.userId()) : List.of(name);
		}

		/** Writes the batch and answers its lines. */
		private void write() throws IOException {
			if (this.batch.isEmpty()) {
				return;
			}
			List<Item> written = this.batch.stream().filter(item -> item.upsert() != null).toList();
			Map<Item, UpsertOutcome> outcomes = new HashMap<>();
			if (!written.isEmpty()) {
				outcomes.putAll(writeAll(written));
			}
			for (Item item : this.batch) {
				Result result = (item.upsert() != null) ? Result.of(item.line(), outcomes.get(item))
						: Result.refused(item.line(), item.error());
				this.out.write(UserImports.this.json.writeValueAsBytes(result));
				this.out.write('\n');
				this.imageBytes.release(permits(item));
			}
			this.out.flush();
			UserImports.this.streaming.progressed(this.request);
			this.batch.clear();
			this.batchUsers.clear();
			this.batchImageBytes = 0;
		}

		/**
		 * One transaction for the batch. When the database is unreachable or too slow to
		 * answer (its read timeout), the batch is tried again a few times before its
		 * lines are refused with 503; when it fails otherwise, each line is written in a
		 * transaction of its own, so that only the lines at fault are refused.
		 */
		private Map<Item, UpsertOutcome> writeAll(List<Item> items) {
			Map<Item, UpsertOutcome> outcomes = new HashMap<>();
			for (int attempt = 1;; attempt++) {
				try {
					List<UpsertOutcome> written = inTransaction(items);
					for (int i = 0; i < items.size(); i++) {
						outcomes.put(items.get(i), written.get(i));
					}
					return outcomes;
				}
				catch (RuntimeException ex) {
					if (DatabaseFailures.isUnavailable(ex) && attempt < MAX_ATTEMPTS && pause(attempt)) {
						continue;
					}
					if (items.size() == 1 || DatabaseFailures.isUnavailable(ex)) {
						ErrorResponse refusal = refusal(ex);
						items.forEach(item -> outcomes.put(item, UpsertOutcome.refused(refusal)));
					}
					else {
						items.forEach(item -> outcomes.putAll(writeAll(List.of(item))));
					}
					return outcomes;
				}
			}
		}

		/** Waits before another attempt; false when interrupted. */
		private static boolean pause(int attempt) {
			try {
				Thread.sleep(RETRY_PAUSE_MILLIS << (attempt - 1));
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private List<UpsertOutcome> inTransaction(List<Item> items) {
			List<UpsertOutcome> outcomes = UserImports.this.transaction.execute(status -> {
				UserImports.this.avatars
					.store(items.stream().map(Item::avatar).filter(avatar -> avatar != null).toList());
				return UserImports.this.upserts.upsert(items.stream().map(Item::upsert).toList(),
						UserImports.this.clock.instant());
			});
			// after the commit: images the updated users stopped showing, and those
			// stored
			// for lines that were refused
			Set<String> previous = new HashSet<>();
			Set<String> current = new HashSet<>();
			for (int i = 0; i < items.size(); i++) {
				UpsertOutcome outcome = outcomes.get(i);
				ImportedAvatar avatar = items.get(i).avatar();
				if (outcome.error() != null && avatar != null && avatar.image() != null) {
					previous.add(avatar.hash());
				}
				if (outcome.change() != null && items.get(i).upsert().avatarHash() != null) {
					previous.addAll(outcome.change().avatarHashes());
					items.get(i).upsert().avatarHash().ifPresent(current::add);
				}
			}
			UserImports.this.avatars.deleteIfUnused(previous, current);
			return outcomes;
		}

	}

	/** What the single call would have answered for a write that failed. */
	private static ErrorResponse refusal(RuntimeException ex) {
		if (ex instanceof ErrorResponse error) {
			return error;
		}
		if (ex instanceof DataIntegrityViolationException) {
			return new ConflictException("The request conflicts with stored data.");
		}
		return unexpected(ex);
	}

	private static ErrorResponse unexpected(RuntimeException ex) {
		if (DatabaseFailures.isUnavailable(ex)) {
			log.warn("Database unavailable during an import: {}", ex.getClass().getName());
			return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.");
		}
		log.error("Unexpected error in an import", ex);
		return new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.");
	}

	/** A refusal of one line with no exception of its own (503, 500). */
	private static final class Refusal extends ErrorResponseException {

		Refusal(HttpStatusCode status, String detail) {
			super(status, Problems.of(status, detail), null);
		}

	}

}
