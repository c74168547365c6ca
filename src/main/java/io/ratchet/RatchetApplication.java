package io.ratchet;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of Ratchet: the command line behind {@code jobs/*} starts here. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RatchetApplication {

}
