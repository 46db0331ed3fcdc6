package io.runplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            20G      | BYTES | 20000000000   | 19074
            512Mi    | BYTES | 536870912     | 512
            1Gi      | BYTES | 1073741824    | 1024
            1.5Ki    | BYTES | 1536.0        | 1
            1048576  | BYTES | 1048576       | 1
            0.5      | CORES | 0.5           | 500
            500m     | CORES | 0.500         | 500
            2        | CORES | 2             | 2000
            0.0001   | CORES | 0.0001        | 1
            """)
    void parsesAndRoundsUpToTheSpecResolution(String text, QuantityUnit unit, BigDecimal amount, long specUnits) {
        Quantity q = Quantity.parse(text, unit).orElseThrow();

        assertThat(q.amount()).isEqualByComparingTo(amount);
        assertThat(q.specUnits()).isEqualTo(specUnits);
        assertThat(q.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            20 G  | BYTES
            20g   | BYTES
            -1    | BYTES
            1e3   | BYTES
            500m  | BYTES
            2Gi   | CORES
            ''    | CORES
            abc   | CORES
            9999999999999999999999E | BYTES
            """)
    void rejectsWhatIsNotAQuantityOfTheUnit(String text, QuantityUnit unit) {
        assertThat(Quantity.parse(text, unit)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3815, BYTES, 3815Mi", "2048, BYTES, 2Gi", "1500, CORES, 1.5", "2000, CORES, 2"})
    void specValuesReadBackAsCompactText(long specUnits, QuantityUnit unit, String text) {
        assertThat(Quantity.ofSpecUnits(specUnits, unit).text()).isEqualTo(text);
        assertThat(Quantity.ofSpecUnits(specUnits, unit).specUnits()).isEqualTo(specUnits);
    }
}
