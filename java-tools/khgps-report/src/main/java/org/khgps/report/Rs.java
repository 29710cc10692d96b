package org.khgps.report;

import org.khgps.core.stage.PointTheory;

/** The RS numbers a point is compared on, with the simulation's counterpart. */
enum Rs {
    X2, CHI, A_G, A_G_DRESSED;

    double theory(PointTheory t) {
        return switch (this) {
            case X2 -> t.solution().q();
            case CHI -> t.solution().chi();
            case A_G -> t.solution().aG();
            case A_G_DRESSED -> t.solution().aGDressed();
        };
    }

    double simulation(Study.Point p) {
        return switch (this) {
            case X2 -> p.dos().x2();
            case CHI -> p.dos().meanInverseLambda();
            case A_G, A_G_DRESSED -> p.fit().fit().aG();
        };
    }

    /** The simulation's error of the number compared (none for the dressed A_g: the bare one's is given). */
    double simulationErr(Study.Point p) {
        return switch (this) {
            case X2 -> p.dos().x2Err();
            case CHI -> p.dos().meanInverseLambdaErr();
            case A_G -> p.fit().aGErr();
            case A_G_DRESSED -> Double.NaN;
        };
    }
}
