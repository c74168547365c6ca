package io.ratchet.schedule;

import java.sql.DatabaseMetaData;
import java.util.Properties;

import javax.sql.DataSource;

import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Quartz's JDBC job store on the application's database (Boot wires the DataSource and
 * transaction manager; Flyway's {@code V4__quartz.sql} owns the tables). Quartz does not
 * pick its SQL dialect by itself: this chooses the driver delegate from the database the
 * DataSource reaches, {@link PostgreSQLDelegate} on PostgreSQL (its BYTEA columns) and
 * {@link StdJDBCDelegate} elsewhere (H2), unless
 * {@code spring.quartz.properties.org.quartz.jobStore.driverDelegateClass} names one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratchet.schedule.quartz", havingValue = "true", matchIfMissing = true)
class QuartzStoreConfiguration {

	static final String DRIVER_DELEGATE = "org.quartz.jobStore.driverDelegateClass";

	private static final Logger log = LoggerFactory.getLogger(QuartzStoreConfiguration.class);

	@Bean
	SchedulerFactoryBeanCustomizer ratchetQuartzStore(QuartzProperties quartz, DataSource dataSource) {
		return (factory) -> {
			Properties properties = new Properties();
			properties.putAll(quartz.getProperties());
			if (!properties.containsKey(DRIVER_DELEGATE)) {
				properties.setProperty(DRIVER_DELEGATE, delegateFor(dataSource));
			}
			factory.setQuartzProperties(properties);
		};
	}

	/**
	 * Whether {@code dataSource} reaches an H2 database (single-process: one scheduler
	 * daemon).
	 */
	static boolean isH2(DataSource dataSource) {
		try {
			return "H2".equals(JdbcUtils.commonDatabaseName(
					JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)));
		}
		catch (MetaDataAccessException ex) {
			log.debug("Could not read the database product name", ex);
			return false;
		}
	}

	static String delegateFor(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.commonDatabaseName(
					JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			log.debug("Could not read the database product name; using Quartz's standard delegate", ex);
			return StdJDBCDelegate.class.getName();
		}
		return "PostgreSQL".equals(product) ? PostgreSQLDelegate.class.getName() : StdJDBCDelegate.class.getName();
	}

}
