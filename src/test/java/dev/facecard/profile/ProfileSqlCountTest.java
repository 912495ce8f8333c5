package dev.facecard.profile;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;

import dev.facecard.support.IntegrationTest;
import dev.facecard.support.TestHttp.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** An uncached profile request runs at most 3 SQL statements: token, card, isFollowing. */
@Import(ProfileSqlCountTest.CountingDataSource.class)
class ProfileSqlCountTest extends IntegrationTest {

	@Autowired
	private AtomicInteger statements;

	@Test
	void aProfileWithAnotherUsersTokenTakesThreeStatementsAndAnonymousOne() {
		String appid = newApp();
		String target = newUser(appid, "target", "\"nickname\":\"T\"").get("userId").stringValue();
		String viewer = newUser(appid, "viewer", null).get("userId").stringValue();
		admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":[\"" + target + "\"]}");
		String token = admin("POST", "/admin/users/" + viewer + "/api-keys", null).json().get("token").stringValue();

		assertThat(countStatements(() -> profile(target, token))).isLessThanOrEqualTo(3);
		assertThat(countStatements(() -> profile(target, null))).isEqualTo(1);
		assertThat(countStatements(() -> profile(viewer, token))).isLessThanOrEqualTo(2);
		admin("PUT", "/admin/leaderboards/vip", "{\"userIds\":[]}");
	}

	private int countStatements(Runnable request) {
		int before = this.statements.get();
		request.run();
		return this.statements.get() - before;
	}

	private void profile(String userId, String token) {
		byte[] body = ("{\"userId\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8);
		Response response = (token == null)
				? this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json")
				: this.http.send("POST", "/api/get-public-user-profile", body, "Content-Type", "application/json",
						"Authorization", "Bearer " + token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/** Wraps the application's DataSource so that every statement it runs is counted. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountingDataSource {

		@Bean
		AtomicInteger statementCounter() {
			return new AtomicInteger();
		}

		@Bean
		static BeanPostProcessor countStatements(org.springframework.beans.factory.ObjectProvider<AtomicInteger> counter) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
						return ProxyDataSourceBuilder.create(dataSource)
							.afterQuery((execution, queries) -> counter.getObject().addAndGet(queries.size()))
							.build();
					}
					return bean;
				}

			};
		}

	}

}
