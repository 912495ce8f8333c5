package dev.facecard;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure of README's code map holds: no cycle between modules, and no
 * module reaches into another's internals (its sub-packages, or types it does not
 * expose); the shared kernel is open to all. Also writes the module diagrams to
 * {@code target/spring-modulith-docs}.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(FacecardApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
		MODULES.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
