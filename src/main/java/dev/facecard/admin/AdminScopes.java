package dev.facecard.admin;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.app.AppScope;
import dev.facecard.shared.web.error.ForbiddenException;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reach of an admin request, as {@link AdminAuthFilter} established it: handlers take
 * it as an {@link AppScope} parameter and hand it to the services, which answer for
 * another app's data as for data that does not exist. Calls marked {@link PlatformOnly}
 * are refused to app credentials before anything of the request is read.
 */
@Configuration(proxyBeanMethods = false)
class AdminScopes implements WebMvcConfigurer {

	private static final String ATTRIBUTE = AdminScopes.class.getName() + ".scope";

	/** The app credential's scheme in the OpenAPI document. */
	private static final String APP_CREDENTIAL = "appCredential";

	static {
		// set by the gate, not sent by the client: no parameter of the OpenAPI document
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AppScope.class);
	}

	static void set(HttpServletRequest request, AppScope scope) {
		request.setAttribute(ATTRIBUTE, scope);
	}

	/**
	 * The scope of an admin request; fails rather than assume one when the gate did not
	 * set it.
	 */
	static AppScope of(HttpServletRequest request) {
		if (!(request.getAttribute(ATTRIBUTE) instanceof AppScope scope)) {
			throw new IllegalStateException("An admin request passed no admin gate");
		}
		return scope;
	}

	static boolean isPlatformOnly(HandlerMethod handler) {
		return handler.hasMethodAnnotation(PlatformOnly.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PlatformOnly.class);
	}

	/**
	 * In the OpenAPI document, the calls an app credential may make take it as a second
	 * scheme beside the admin token; the platform's own calls say they answer it 403.
	 */
	@Bean
	OperationCustomizer adminCredentialSchemes() {
		return (operation, handler) -> {
			if (!AdminApi.class.isAssignableFrom(handler.getBeanType())) {
				return operation;
			}
			if (isPlatformOnly(handler)) {
				operation.getResponses()
					.addApiResponse("403", new ApiResponse()
						.description("An app credential: this call needs the platform admin token."));
			}
			else {
				operation.addSecurityItem(new SecurityRequirement().addList(APP_CREDENTIAL));
			}
			return operation;
		};
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod method && isPlatformOnly(method) && !of(request).isPlatform()) {
					throw new ForbiddenException("An app credential reaches its own app's users only; "
							+ "this call needs the platform admin token.");
				}
				return true;
			}

		}).addPathPatterns("/admin/**");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == AppScope.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binders) {
				return of(request.getNativeRequest(HttpServletRequest.class));
			}

		});
	}

}
