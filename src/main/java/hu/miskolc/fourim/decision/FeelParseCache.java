package hu.miskolc.fourim.decision;

import java.util.List;

import camundajar.impl.scala.util.Either;
import hu.miskolc.fourim.BoundedMemo;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine$;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decision tables parse each FEEL expression once, not on every evaluation. Camunda 7's {@code ScalaFeelEngine} hands
 * the expression's text to feel-scala, which parses it again each time (feel-scala issue #1149, open): a JFR profile
 * of the journey put 9% of the server's Java samples in the FEEL parser, for the same few hundred input expressions
 * and unary tests of our three decision tables (BENCHMARKS.md).
 *
 * <p>This is Camunda's own engine with one change: its feel-scala engine keeps each text's parse result (the syntax
 * tree is immutable, so the threads share it), and everything else (the variable context, the custom functions and
 * value mappers, the errors and their messages) is the unchanged {@code ScalaFeelEngine}. The texts come from deployed
 * decisions, so the cache stays small; it is emptied if it ever holds {@value #MAX_EXPRESSIONS}.
 * {@code fourim.feel-parse-cache.enabled=false} keeps Camunda's, for measuring stock Camunda.
 */
@Component
class FeelParseCache extends AbstractProcessEnginePlugin {

    static final int MAX_EXPRESSIONS = 10_000;

    private final boolean enabled;

    FeelParseCache(@Value("${fourim.feel-parse-cache.enabled:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!enabled) {
            return;
        }
        // the engine completes this configuration (history, custom functions, legacy switch) and builds the DMN
        // engine from it; the FEEL engine factory stays as set here (ProcessEngineConfigurationImpl#initDmnEngine)
        configuration.setDmnEngineConfiguration(withParseCache(configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : DmnEngineConfiguration.createDefaultDmnEngineConfiguration()));
    }

    /** The DMN engine configuration, set to build the caching FEEL engine (unless it was given another one). */
    static DefaultDmnEngineConfiguration withParseCache(DmnEngineConfiguration configuration) {
        DefaultDmnEngineConfiguration dmn = (DefaultDmnEngineConfiguration) configuration;
        if (dmn.getFeelEngineFactory() == null) {
            dmn.setFeelEngineFactory(new Factory(dmn));
        }
        return dmn;
    }

    /** As the DMN engine's default choice, with the caching engine in place of {@code ScalaFeelEngine}. */
    record Factory(DefaultDmnEngineConfiguration dmn) implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            if (dmn.isEnableFeelLegacyBehavior()) {
                return new FeelEngineFactoryImpl().createInstance();
            }
            return new CachingScalaFeelEngine(dmn.getFeelCustomFunctionProviders());
        }
    }

    static final class CachingScalaFeelEngine extends ScalaFeelEngine {
        CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders);
        }

        /** What {@code ScalaFeelEngine} builds (its builder's defaults, external functions off), parsing once. */
        @Override
        protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer functionProvider,
                                                              ValueMapper.CompositeValueMapper valueMapper) {
            return new ParsingOnce(functionProvider, valueMapper);
        }

        /** How many expressions and unary tests are kept parsed (for tests). */
        int parsedExpressions() {
            return ((ParsingOnce) feelEngine).expressions.size() + ((ParsingOnce) feelEngine).unaryTests.size();
        }
    }

    /**
     * feel-scala's engine, whose {@code evalExpression} and {@code evalUnaryTests} parse through the two methods
     * overridden here. A parse failure is kept too: the same text fails the same way.
     */
    static final class ParsingOnce extends org.camunda.feel.FeelEngine {
        private final BoundedMemo<String, Either<Failure, ParsedExpression>> expressions =
                new BoundedMemo<>(MAX_EXPRESSIONS, super::parseExpression);
        private final BoundedMemo<String, Either<Failure, ParsedExpression>> unaryTests =
                new BoundedMemo<>(MAX_EXPRESSIONS, super::parseUnaryTests);

        ParsingOnce(CustomFunctionTransformer functionProvider, ValueMapper valueMapper) {
            super(functionProvider, valueMapper, new Configuration(false), FeelEngine$.MODULE$.defaultClock());
        }

        @Override
        public Either<Failure, ParsedExpression> parseExpression(String expression) {
            return expression == null ? super.parseExpression(null) : expressions.get(expression);
        }

        @Override
        public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
            return expression == null ? super.parseUnaryTests(null) : unaryTests.get(expression);
        }
    }
}
