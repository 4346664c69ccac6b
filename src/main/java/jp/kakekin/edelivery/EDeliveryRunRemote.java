package jp.kakekin.edelivery;

import jp.kakekin.batch.RemotePartitioning;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/** The e-私書箱 run's partitions over RabbitMQ ({@code kakekin.e-delivery.partitioning=remote}), on a queue of its own. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kakekin.e-delivery.partitioning", havingValue = "remote")
@EnableIntegration
public class EDeliveryRunRemote {

    public static final String BEAN = "eDeliveryRunRemote";

    @Bean(BEAN)
    RemotePartitioning eDeliveryRunRemote(EDeliveryRunProperties properties, ConnectionFactory connectionFactory,
                                          AmqpTemplate rabbit, AmqpAdmin admin, JobRepository repository,
                                          IntegrationFlowContext flows) {
        return new RemotePartitioning("e-delivery", properties.remote().queue(), properties.remote().pollInterval(),
                connectionFactory, rabbit, admin, repository, flows);
    }
}
