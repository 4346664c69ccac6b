package jp.kakekin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring side of kakekin: wires the plain-Java domain core to the channels. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KakekinApplication {
}
