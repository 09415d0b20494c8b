//! How a new Transformer lab's preparation reads while the visitor waits for it: the stage and
//! how much of it is done, from the worker's `TranslateEvent::Preparing`.

use crate::i18n::{Lang, Msg};
use crate::jobs::translate::{PrepStage, Preparation};

/// "Building the data set: 40%", or in Chinese "正在生成数据集：40%". Whole percents, cut
/// rather than rounded, so 100% means done.
pub fn preparing_text(lang: Lang, p: &Preparation) -> String {
    let template = match p.stage {
        PrepStage::DataSet => Msg::TfPreparingData,
        PrepStage::Scoring => Msg::TfPreparingScoring,
    };
    let percent = (100.0 * p.count.fraction()).floor();
    template
        .get(lang)
        .replace("{percent}", &format!("{percent}%"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::StepCount;

    fn at(stage: PrepStage, done: usize, total: usize) -> Preparation {
        Preparation {
            stage,
            count: StepCount { done, total },
        }
    }

    #[test]
    fn each_stage_reads_with_its_percentage_in_both_languages() {
        let data = at(PrepStage::DataSet, 44_000, 110_000);
        assert_eq!(
            preparing_text(Lang::En, &data),
            "Building the data set: 40%"
        );
        assert_eq!(preparing_text(Lang::Zh, &data), "正在生成数据集：40%");
        let scoring = at(PrepStage::Scoring, 5_999, 10_000);
        assert_eq!(
            preparing_text(Lang::En, &scoring),
            "Scoring the untrained model on the test set: 59%"
        );
        assert_eq!(
            preparing_text(Lang::Zh, &scoring),
            "正在用测试集评估未训练的模型：59%"
        );
        assert_eq!(
            preparing_text(Lang::En, &at(PrepStage::Scoring, 16, 16)),
            "Scoring the untrained model on the test set: 100%"
        );
    }
}
