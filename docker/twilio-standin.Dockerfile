# The local Twilio stand-in (mvn package -pl tools/twilio-standin first). Only for development and tests.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
COPY --chown=185 tools/twilio-standin/target/lib/ /deployments/lib/
COPY --chown=185 tools/twilio-standin/target/twilio-standin-1.0.0-SNAPSHOT.jar /deployments/twilio-standin.jar
USER 185
ENV TWILIO_STANDIN_HOST=0.0.0.0
ENTRYPOINT [ "java", "-jar", "/deployments/twilio-standin.jar" ]
