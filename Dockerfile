# syntax=docker/dockerfile:1

# Build with the project's own Maven wrapper on a JDK.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
# Spring AOT works out the bean definitions here, once, for the settings that choose beans; the image then starts
# on them. Those settings are fixed with the build (docker build --build-arg, as docker-compose.yml passes them),
# and a start that asks for others is refused with what to do (README, Deployment).
ARG FACECARD_RATE_LIMIT_STORE=memory
ARG MANAGEMENT_SERVER_PORT
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/facecard-*.jar extract --layers --application-filename application.jar \
      --destination /layers

# Run on a JRE as a non-root user; dependency layers first, so a code change rebuilds only the last ones.
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system facecard && useradd --system --gid facecard --no-create-home facecard
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Spring AOT's bean definitions (the build stage's) in every start; SPRING_AOT_ENABLED=false starts without them.
ENV SPRING_AOT_ENABLED=true
# Java 25's AOT cache, trained by starting the context once (on the embedded database, no network) and
# exiting: classes come loaded and linked from it, so the service is ready in a fraction of the time
# (README, Deployment). It must be made by this runtime, from these jars, with the build's settings.
ARG FACECARD_RATE_LIMIT_STORE=memory
ARG MANAGEMENT_SERVER_PORT
# the store the image was built for, unless the container's environment says otherwise
ENV FACECARD_RATE_LIMIT_STORE=${FACECARD_RATE_LIMIT_STORE}
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar application.jar \
 && rm -rf /tmp/*
USER facecard
EXPOSE 8080
# container-aware heap: 60% of the container's memory (the rest for what the JVM holds beside the heap: about
# 200 MB measured, and the AOT cache), all of it from the start and never given back (G1 otherwise shrinks it to
# little more than the live data after start-up, then runs concurrent marking cycles back to back under load).
# G1 named, since the JVM picks the serial collector in a container of one CPU or under 1792 MB; marking starts
# at 60% of the heap, since G1's adaptive threshold fell below what the full caches hold and marked back to
# back (README, Deployment). Die on OOM so the orchestrator restarts a clean process.
# scripts/dockerfile-on-host.sh, bench/startup.sh and bench/image-jvm-flags.sh read this line
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=60 -XX:MaxHeapFreeRatio=100 -XX:+UseG1GC -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=60 -XX:+ExitOnOutOfMemoryError"
# on the management port when Actuator has one of its own (docker-compose.yml)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${MANAGEMENT_SERVER_PORT:-8080}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "application.jar"]
