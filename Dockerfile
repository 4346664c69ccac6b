# kakekin as a container image: the service (`serve`, the default) with fonts/ and templates/ inside.
#   docker build -t kakekin .
#   docker run -p 8080:8080 -e SPRING_PROFILES_ACTIVE=postgres -e KAKEKIN_DB_URL=… kakekin
#   docker run --rm -v "$PWD:/work" -w /work kakekin calculate --document NOVEMBER_CERTIFICATE --year 2026 --input ledger.jsonl
# docs/operations.md says what to configure.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/kakekin-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home --home-dir /var/lib/kakekin kakekin
# Boot's layers, least often changed first, so a code change rebuilds only the last layer.
WORKDIR /opt/kakekin
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY fonts/ fonts/
COPY templates/ templates/
# fonts/ and templates/ are found here (kakekin.home); ./data (H2, development key) under the working directory.
ENV KAKEKIN_HOME=/opt/kakekin
WORKDIR /var/lib/kakekin
USER kakekin
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/kakekin", "org.springframework.boot.loader.launch.JarLauncher"]
