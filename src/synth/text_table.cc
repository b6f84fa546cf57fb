// Text vocabulary of the synthetic corpus. None of these phrases, alone or as the templates combine them,
// contains a term of shared/data/reference/dual-use-ai-keywords.json: dual-use terms appear only where the
// generator plants them (DualUseFamilies), so the ground truth can count them exactly. A test re-checks this
// on generated text.
#include "synth/tables.h"

namespace entangle::synth {

const Vocabulary& Words() {
  static const Vocabulary kWords = {
      // ai_methods
      {"graph neural network", "transformer", "convolutional neural network", "vision transformer",
       "diffusion model", "variational autoencoder", "generative adversarial network", "recurrent neural network",
       "long short-term memory network", "contrastive learning framework", "knowledge distillation scheme",
       "meta-learning algorithm", "Bayesian neural network", "gradient boosting model", "support vector machine",
       "random forest", "deep reinforcement learning agent", "large language model", "mixture-of-experts model",
       "capsule network", "spiking neural network", "neural architecture search", "attention mechanism",
       "prompt tuning strategy", "low-rank adaptation method", "self-attention network", "U-Net architecture",
       "residual network", "autoencoder", "graph attention network"},
      // ai_tasks
      {"image classification", "semantic segmentation", "object detection", "instance segmentation",
       "depth estimation", "image captioning", "visual question answering", "machine translation",
       "question answering", "text summarization", "named entity recognition", "relation extraction",
       "sentiment classification", "recommendation", "link prediction", "node classification",
       "knowledge graph completion", "time series forecasting", "medical image segmentation",
       "protein structure prediction", "speech recognition", "image super-resolution", "image denoising",
       "few-shot learning", "domain adaptation", "continual learning", "point cloud registration",
       "3D reconstruction", "optical flow estimation", "text-to-image generation", "code generation",
       "dialogue generation", "document retrieval", "image retrieval", "motion planning", "robot grasping",
       "scene text recognition", "handwriting recognition", "graph classification", "molecular property prediction",
       "weather forecasting", "fault diagnosis", "battery state estimation", "load forecasting", "anomaly detection",
       "pose estimation", "video prediction", "autonomous driving"},
      // other_methods
      {"finite element analysis", "mixed-effects model", "randomized controlled trial", "Monte Carlo simulation",
       "density functional theory", "life cycle assessment", "structural equation modelling", "qualitative interviews",
       "meta-analysis", "mass spectrometry", "X-ray diffraction", "molecular dynamics simulation",
       "panel data regression", "spatial interpolation", "isotope analysis", "thermogravimetric analysis",
       "electrochemical impedance spectroscopy", "computational fluid dynamics", "genome-wide association study",
       "cohort study"},
      // other_tasks
      {"soil moisture estimation", "lithium-ion battery degradation", "urban heat island mitigation",
       "groundwater contamination", "cardiovascular risk prediction", "tumour microenvironment characterization",
       "supply chain resilience", "carbon emission accounting", "wastewater treatment",
       "perovskite solar cell stability", "catalyst design", "antimicrobial resistance", "student engagement",
       "housing affordability", "coastal erosion", "air quality assessment", "protein folding", "polymer degradation",
       "bridge health assessment", "crop yield assessment"},
      // datasets
      {"ImageNet", "COCO", "Cityscapes", "CIFAR-10", "CIFAR-100", "PASCAL VOC", "KITTI", "nuScenes", "SQuAD", "GLUE",
       "WMT14", "LibriSpeech", "MIMIC-III", "Penn Treebank", "ADE20K", "ShapeNet", "ScanNet", "MovieLens"},
      // adjectives
      {"robust", "efficient", "lightweight", "scalable", "interpretable", "unsupervised", "self-supervised",
       "semi-supervised", "weakly supervised", "multi-scale", "attention-based", "end-to-end", "real-time",
       "hierarchical", "dynamic", "adaptive", "probabilistic", "contrastive", "generative", "sparse",
       "privacy-preserving", "cross-domain", "multimodal", "zero-shot", "explainable", "energy-efficient",
       "distributed", "uncertainty-aware"},
      // sentences: {M} method, {T} task, {D} dataset, {A} adjective, {N} number
      {"In this paper, we propose a {A} {M} for {T}.",
       "Existing approaches to {T} often suffer from limited generalization and high annotation cost.",
       "To address these issues, we introduce a {M} that exploits {A} representations.",
       "Extensive experiments on {D} demonstrate that our approach outperforms state-of-the-art methods by {N} percent.",
       "The proposed framework is evaluated on {D} and reaches an accuracy of {N} percent.",
       "We further analyze the contribution of each component through ablation studies.",
       "Our code and pretrained models are publicly available.",
       "Recent advances in {M} have enabled {A} solutions to {T}.",
       "However, the computational cost remains a major obstacle for deployment on edge devices.",
       "Results show that the {M} improves {T} in terms of both accuracy and efficiency.",
       "This study investigates {T} using a {A} {M}.",
       "We design a {A} loss function that balances precision and recall.",
       "Compared with {N} baselines, the method reduces the error rate by {N} percent.",
       "The model is trained end to end with {N} million parameters.",
       "A theoretical analysis establishes convergence under mild assumptions.",
       "Samples were collected at {N} sites and analysed with {M}.",
       "The findings suggest that {T} depends strongly on local conditions.",
       "We report a {A} relationship between exposure and outcome in a cohort of {N} participants.",
       "Policy implications for {T} are discussed.",
       "These results provide a basis for future work on {T}."},
      // title templates
      {"{A} {M} for {T}", "{M}-based {T}: a {A} approach", "Towards {A} {T} with {M}",
       "Rethinking {T}: {A} {M} revisited", "{T} via {A} {M}", "A survey of {M} for {T}",
       "Learning {A} representations for {T}", "On the robustness of {M} in {T}",
       "Improving {T} with {A} {M}", "{A} {T} using {M}"},
      // departments
      {"School of Computer Science", "Department of Electrical Engineering", "School of Electronic Engineering",
       "Department of Computer Science and Technology", "School of Information and Communication Engineering",
       "Department of Informatics", "Department of Mathematics", "School of Automation",
       "Institute of Artificial Intelligence", "Department of Engineering Science", "School of Physics",
       "Department of Chemistry", "School of Medicine", "Department of Civil Engineering", "Faculty of Engineering",
       "Centre for Vision, Speech and Signal Processing", "Department of Mechanical Engineering",
       "School of Software", "Department of Statistics", "School of Economics and Management"},
      // keywords
      {"Computer science", "Artificial intelligence", "Feature extraction", "Benchmark (surveying)",
       "Convolutional neural network", "Deep learning", "Segmentation", "Pattern recognition (psychology)",
       "Transformer", "Robustness (evolution)", "Generalization", "Representation (politics)", "Inference",
       "Machine learning", "Pixel", "Encoder", "Graph", "Embedding", "Scalability", "Computation",
       "Image (mathematics)", "Task (project management)", "Materials science", "Chemistry", "Biology", "Medicine",
       "Environmental science", "Economics", "Psychology", "Sociology"},
  };
  return kWords;
}

const std::vector<DualUseFamily>& DualUseFamilies() {
  static const std::vector<DualUseFamily> kFamilies = {
      {"surveillance_cv_cset",
       {"person re-identification", "crowd counting", "face recognition", "facial expression recognition",
        "action recognition"}},
      {"biometrics_identity",
       {"gait recognition", "video surveillance", "speaker verification", "vehicle re-identification",
        "iris recognition"}},
      {"target_detection_tracking_atr",
       {"target tracking", "infrared small target detection", "multi-object tracking", "ship detection",
        "visual object tracking"}},
      {"remote_sensing_sar_space",
       {"remote sensing image", "synthetic aperture radar", "hyperspectral image classification", "change detection",
        "satellite imagery"}},
      {"radar_ew_acoustic",
       {"specific emitter identification", "direction of arrival estimation", "automatic modulation recognition",
        "radar signal processing", "passive radar"}},
      {"autonomy_uav_swarm",
       {"UAV swarm", "multi-UAV", "formation control", "unmanned surface vehicle",
        "multi-agent reinforcement learning"}},
      {"cyber_offense_defense",
       {"intrusion detection", "malware detection", "encrypted traffic classification", "side-channel attack",
        "adversarial examples"}},
      {"information_operations_public_opinion",
       {"fake news detection", "rumor detection", "stance detection", "social bot detection", "deepfake detection"}},
  };
  return kFamilies;
}

}  // namespace entangle::synth
